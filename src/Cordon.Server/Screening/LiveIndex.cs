using Cordon.Application.Screening;
using Cordon.Core.Screening;

namespace Cordon.Server.Screening;

/// <summary>The screening index of this instance and the member facts it was last brought up to date with.</summary>
public sealed class LiveIndex
{
    private volatile MemberFacts members = new(new Dictionary<Guid, string>(), 0);

    public ScreeningIndex Index { get; private set; } = new();

    /// <summary>Before the first build: an index sized for the store, so that it does not grow (and double) while loading.</summary>
    public void Initialise(int expectedIdentifiers)
    {
        Index = new ScreeningIndex(Math.Max(1024, expectedIdentifiers));
    }

    /// <summary>The audit sequence up to which changes have been applied (0 until the first build).</summary>
    public long AppliedThrough { get; set; }

    public bool Ready { get; set; }

    public MemberFacts Members
    {
        get => members;
        set => members = value;
    }

    public string? CountryOf(Guid organisationId) => members.Countries.GetValueOrDefault(organisationId);
}
