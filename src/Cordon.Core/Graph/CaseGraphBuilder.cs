using Cordon.Core.Identifiers;

namespace Cordon.Core.Graph;

/// <summary>What link analysis needs of one case (a victim report): no names, no free text.</summary>
public readonly record struct CaseFacts(Guid Id, Guid Organisation, string VictimCountry, decimal? Loss, DateTimeOffset OccurredAt);

/// <summary>
/// Collects the cases and identifiers one caller may see, and the links between them, into a <see cref="CaseGraph"/>.
/// The caller leaves out what the access policy hides and the values marked non-correlating, so nothing of either
/// reaches the graph.
/// </summary>
public sealed class CaseGraphBuilder
{
    private readonly Dictionary<Guid, int> caseIndex = [];
    private readonly Dictionary<Guid, int> identifierIndex = [];
    private readonly Dictionary<Guid, int> organisationIndex = [];
    private readonly Dictionary<string, int> countryIndex = new(StringComparer.Ordinal);
    private readonly List<CaseFacts> cases = [];
    private readonly List<int> caseOrganisations = [];
    private readonly List<int> caseCountries = [];
    private readonly List<Guid> identifiers = [];
    private readonly List<IdentifierType> identifierTypes = [];
    private readonly List<(int Case, int Identifier)> links = [];

    public CaseGraphBuilder(int expectedCases = 0, int expectedIdentifiers = 0)
    {
        caseIndex.EnsureCapacity(expectedCases);
        cases.Capacity = expectedCases;
        identifierIndex.EnsureCapacity(expectedIdentifiers);
        links.Capacity = expectedIdentifiers + expectedCases;
    }

    public void AddCase(CaseFacts facts)
    {
        if (caseIndex.TryAdd(facts.Id, cases.Count))
        {
            cases.Add(facts);
            caseOrganisations.Add(Intern(organisationIndex, facts.Organisation));
            caseCountries.Add(Intern(countryIndex, facts.VictimCountry));
        }
    }

    /// <summary>Links a case added before to an identifier (an observable's id); repeated links count once.</summary>
    public void Link(Guid caseId, Guid identifierId, IdentifierType type)
    {
        if (!caseIndex.TryGetValue(caseId, out var c))
        {
            return;
        }
        if (!identifierIndex.TryGetValue(identifierId, out var i))
        {
            i = identifiers.Count;
            identifierIndex[identifierId] = i;
            identifiers.Add(identifierId);
            identifierTypes.Add(type);
        }
        links.Add((c, i));
    }

    public CaseGraph Build() => new([.. cases], [.. caseOrganisations], [.. caseCountries], countryIndex.Count, organisationIndex.Count,
        [.. identifiers], [.. identifierTypes], links);

    private static int Intern<T>(Dictionary<T, int> index, T key) where T : notnull
    {
        if (!index.TryGetValue(key, out var value))
        {
            value = index.Count;
            index[key] = value;
        }
        return value;
    }
}
