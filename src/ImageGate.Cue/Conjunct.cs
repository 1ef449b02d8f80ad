namespace ImageGate.Cue;

/// <summary>
/// One expression contributing to a value, with the scope it is evaluated in. <see cref="Closed"/> marks conjuncts
/// reached through a definition; <see cref="Group"/> ties an embedding to the struct literal that embeds it.
/// </summary>
internal readonly record struct Conjunct(Expr Expr, Env? Env, bool Closed, ClosedGroup? Group = null);
