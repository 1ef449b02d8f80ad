using System.Text;

namespace ImageGate.Oci.Registry;

/// <summary>Turns a registry's error body (<c>{"errors":[{"code":..., "message":...}]}</c>) into a short suffix for messages.</summary>
internal static class RegistryErrors
{
    public static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await BoundedBody.ReadAsync(response, OciLimits.MaxSmallBodyBytes, "an error body", cancellationToken).ConfigureAwait(false);
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                var sb = new StringBuilder();
                foreach (var error in errors.EnumerateArray().Take(3))
                {
                    if (error.ValueKind == System.Text.Json.JsonValueKind.Object && error.TryGetProperty("code", out var code))
                    {
                        sb.Append(sb.Length == 0 ? " (" : ", ").Append(code.ToString());
                    }
                }
                return sb.Length == 0 ? string.Empty : sb.Append(')').ToString();
            }
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or HttpRequestException or OperationCanceledException)
        {
            // The error body is a courtesy; its absence or garbage changes nothing about the failure.
        }
        return string.Empty;
    }
}
