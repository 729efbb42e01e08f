namespace Cordon.Application.Audit;

/// <summary>
/// What the last full verification in this process found. A broken log refuses every write until a verification
/// passes again (after the store is restored), so that nothing is appended to a log that lies.
/// </summary>
public sealed class AuditState
{
    private volatile Broken? broken;

    public sealed record Broken(long At, IReadOnlyList<string> Findings);

    public Broken? Current => broken;

    internal void Record(AuditVerification verification) =>
        broken = verification.Ok ? null : new Broken(verification.BrokenAt ?? 1, verification.Findings);
}
