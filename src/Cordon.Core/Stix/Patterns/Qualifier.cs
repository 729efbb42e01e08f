namespace Cordon.Core.Stix.Patterns;

/// <summary>A restriction on the observations that may match the expression it follows (STIX 2.1 §9.5).</summary>
public abstract record Qualifier;

/// <summary><c>WITHIN n SECONDS</c>: all the observations fall within a window of that length.</summary>
public sealed record WithinQualifier(double Seconds) : Qualifier
{
    public override string ToString() => $"WITHIN {PatternText.Number(Seconds)} SECONDS";
}

/// <summary><c>REPEATS n TIMES</c>: the expression matches that many times.</summary>
public sealed record RepeatsQualifier(int Times) : Qualifier
{
    public override string ToString() => $"REPEATS {Times} TIMES";
}

/// <summary><c>START t'…' STOP t'…'</c>: the observations fall between the two instants.</summary>
public sealed record StartStopQualifier(DateTimeOffset Start, DateTimeOffset Stop) : Qualifier
{
    public override string ToString() => $"START {PatternText.Timestamp(Start)} STOP {PatternText.Timestamp(Stop)}";
}
