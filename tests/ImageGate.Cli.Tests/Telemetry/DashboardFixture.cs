namespace ImageGate.Cli.Tests.Telemetry;

/// <summary>One unsecured Aspire dashboard for a test class (xunit class fixture); each test exports under its own service name.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private AspireDashboard? dashboard;

    public AspireDashboard Dashboard => dashboard ?? throw new InvalidOperationException("the dashboard has not started");

    public async ValueTask InitializeAsync() => dashboard = await AspireDashboard.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (dashboard is not null)
        {
            await dashboard.DisposeAsync();
        }
    }
}
