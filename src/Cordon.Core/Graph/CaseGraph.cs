using Cordon.Core.Identifiers;

namespace Cordon.Core.Graph;

/// <summary>A connected network of at least two cases joined by shared identifiers.</summary>
public sealed record Ring(
    Guid Id,
    int Cases,
    int Identifiers,
    int SharedIdentifiers,
    decimal TotalLoss,
    int UnconvertedLosses,
    IReadOnlyList<string> Countries,
    int Organisations,
    IReadOnlyList<Guid> CaseIds,
    IReadOnlyList<Guid> SharedIdentifierIds);

/// <summary>An account or wallet that victims were told to pay, scored by <see cref="MuleScore"/>.</summary>
public sealed record Mule(Guid IdentifierId, IdentifierType Type, int Score, int Victims, int Countries, decimal Loss, int UnconvertedLosses,
    DateTimeOffset LastOccurredAt);

/// <summary>An identifier that links many cases.</summary>
public sealed record Hub(Guid IdentifierId, IdentifierType Type, int Cases, int Countries);

public enum GraphNodeKind
{
    Identifier,
    Case,
}

public readonly record struct GraphNode(GraphNodeKind Kind, Guid Id);

/// <summary>Nodes around a start, the case–identifier links among them, and whether limits cut the expansion short.</summary>
public sealed record Neighbourhood(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<(Guid Case, Guid Identifier)> Links, bool Truncated);

/// <summary>
/// Cases and identifiers as a bipartite graph in compressed adjacency arrays: rings (connected components), money mules,
/// hubs, shortest paths and neighbourhoods. Holds only what the caller may see (see <see cref="CaseGraphBuilder"/>).
/// Identifiers are nodes <c>0..I-1</c>, cases <c>I..I+C-1</c> in the traversals.
/// </summary>
public sealed class CaseGraph
{
    private const int MaxListed = 100;
    private readonly CaseFacts[] cases;
    private readonly int[] caseOrganisations;
    private readonly int[] caseCountries;
    private readonly string[] countryNames;
    private readonly Guid[] identifiers;
    private readonly IdentifierType[] identifierTypes;
    private readonly Dictionary<Guid, int> identifierIndex;
    private readonly int[] caseStart, caseLinks, identifierStart, identifierLinks;

    internal CaseGraph(CaseFacts[] cases, int[] caseOrganisations, int[] caseCountries, int countries, int organisations, Guid[] identifiers,
        IdentifierType[] identifierTypes, List<(int Case, int Identifier)> links)
    {
        this.cases = cases;
        this.caseOrganisations = caseOrganisations;
        this.caseCountries = caseCountries;
        countryNames = new string[countries];
        for (var c = 0; c < cases.Length; c++)
        {
            countryNames[caseCountries[c]] = cases[c].VictimCountry;
        }
        Organisations = organisations;
        this.identifiers = identifiers;
        this.identifierTypes = identifierTypes;
        identifierIndex = new Dictionary<Guid, int>(identifiers.Length);
        for (var i = 0; i < identifiers.Length; i++)
        {
            identifierIndex[identifiers[i]] = i;
        }
        (caseStart, caseLinks) = Adjacency(cases.Length, links, l => l.Case, l => l.Identifier);
        (identifierStart, identifierLinks) = Invert(identifiers.Length, caseStart, caseLinks);
    }

    public int Cases => cases.Length;
    public int Identifiers => identifiers.Length;
    public int Links => caseLinks.Length;
    public int Organisations { get; }

    /// <summary>Connected networks of two or more cases, largest first (then by loss).</summary>
    public IReadOnlyList<Ring> Rings(int top)
    {
        var parent = new int[cases.Length];
        for (var c = 0; c < parent.Length; c++)
        {
            parent[c] = c;
        }
        for (var i = 0; i < identifiers.Length; i++)
        {
            for (var k = identifierStart[i] + 1; k < identifierStart[i + 1]; k++)
            {
                Union(parent, identifierLinks[identifierStart[i]], identifierLinks[k]);
            }
        }
        var size = new int[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            size[Find(parent, c)]++;
        }
        var roots = Enumerable.Range(0, cases.Length).Where(c => parent[c] == c && size[c] >= 2).ToList();
        var members = roots.ToDictionary(r => r, r => new List<int>(size[r]));
        for (var c = 0; c < cases.Length; c++)
        {
            if (size[Find(parent, c)] >= 2)
            {
                members[parent[c]].Add(c);
            }
        }
        var identifierCounts = roots.ToDictionary(r => r, _ => (All: 0, Shared: new List<int>()));
        for (var i = 0; i < identifiers.Length; i++)
        {
            if (identifierStart[i + 1] > identifierStart[i] && identifierCounts.TryGetValue(parent[identifierLinks[identifierStart[i]]], out var counts))
            {
                if (identifierStart[i + 1] - identifierStart[i] >= 2)
                {
                    counts.Shared.Add(i);
                }
                identifierCounts[parent[identifierLinks[identifierStart[i]]]] = (counts.All + 1, counts.Shared);
            }
        }
        return roots.Select(r => RingOf(members[r], identifierCounts[r].All, identifierCounts[r].Shared))
            .OrderByDescending(r => r.Cases).ThenByDescending(r => r.TotalLoss).ThenBy(r => r.Id).Take(top).ToList();
    }

    private Ring RingOf(List<int> members, int identifierCount, List<int> shared)
    {
        var (loss, unconverted) = Losses(members);
        var caseIds = members.Select(c => cases[c].Id).Order().ToList();
        return new Ring(caseIds[0], members.Count, identifierCount, shared.Count, loss, unconverted, CountriesOf(members),
            members.Select(c => caseOrganisations[c]).Distinct().Count(), caseIds.Take(MaxListed).ToList(),
            shared.OrderByDescending(Degree).Take(MaxListed).Select(i => identifiers[i]).ToList());
    }

    /// <summary>Accounts and wallets paid by at least <paramref name="minimumVictims"/> victims, highest score first.</summary>
    public IReadOnlyList<Mule> Mules(DateTimeOffset now, int top, int minimumVictims = 2)
    {
        var mules = new List<Mule>();
        for (var i = 0; i < identifiers.Length; i++)
        {
            if (identifierTypes[i] is not (IdentifierType.BankAccount or IdentifierType.CryptoWallet) || Degree(i) < minimumVictims)
            {
                continue;
            }
            var victims = CasesOf(i).ToList();
            var (loss, unconverted) = Losses(victims);
            var countries = victims.Select(c => caseCountries[c]).Distinct().Count();
            var last = victims.Max(c => cases[c].OccurredAt);
            mules.Add(new Mule(identifiers[i], identifierTypes[i], MuleScore.Of(victims.Count, countries, loss, last, now), victims.Count, countries,
                loss, unconverted, last));
        }
        return mules.OrderByDescending(m => m.Score).ThenByDescending(m => m.Victims).ThenBy(m => m.IdentifierId).Take(top).ToList();
    }

    /// <summary>Identifiers linking the most cases (at least two).</summary>
    public IReadOnlyList<Hub> Hubs(int top) =>
        Enumerable.Range(0, identifiers.Length).Where(i => Degree(i) >= 2).OrderByDescending(Degree).ThenBy(i => identifiers[i]).Take(top)
            .Select(i => new Hub(identifiers[i], identifierTypes[i], Degree(i), CasesOf(i).Select(c => caseCountries[c]).Distinct().Count()))
            .ToList();

    /// <summary>The shortest chain identifier–case–identifier… between two identifiers, or null if they are not connected.</summary>
    public IReadOnlyList<GraphNode>? Path(Guid from, Guid to, int maxVisited = 1_000_000)
    {
        if (!identifierIndex.TryGetValue(from, out var start) || !identifierIndex.TryGetValue(to, out var goal))
        {
            return null;
        }
        var previous = new Dictionary<int, int> { [start] = -1 };
        var queue = new Queue<int>([start]);
        while (queue.TryDequeue(out var node) && previous.Count < maxVisited)
        {
            if (node == goal)
            {
                var path = new List<GraphNode>();
                for (var n = goal; n != -1; n = previous[n])
                {
                    path.Add(NodeOf(n));
                }
                path.Reverse();
                return path;
            }
            foreach (var next in Neighbours(node))
            {
                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return null;
    }

    /// <summary>Everything within <paramref name="depth"/> links of an identifier, at most <paramref name="maxNodes"/> nodes.</summary>
    public Neighbourhood? Around(Guid identifier, int depth, int maxNodes)
    {
        if (!identifierIndex.TryGetValue(identifier, out var start))
        {
            return null;
        }
        var distance = new Dictionary<int, int> { [start] = 0 };
        var order = new List<int> { start };
        var truncated = false;
        for (var k = 0; k < order.Count; k++)
        {
            var node = order[k];
            if (distance[node] == depth)
            {
                truncated |= Neighbours(node).Any(n => !distance.ContainsKey(n));
                continue;
            }
            foreach (var next in Neighbours(node))
            {
                if (distance.ContainsKey(next))
                {
                    continue;
                }
                if (order.Count == maxNodes)
                {
                    truncated = true;
                    break;
                }
                distance[next] = distance[node] + 1;
                order.Add(next);
            }
        }
        var links = order.Where(n => n >= identifiers.Length)
            .SelectMany(n => Neighbours(n).Where(distance.ContainsKey).Select(i => (cases[n - identifiers.Length].Id, identifiers[i])))
            .ToList();
        return new Neighbourhood(order.Select(NodeOf).ToList(), links, truncated);
    }

    private IEnumerable<int> Neighbours(int node)
    {
        if (node < identifiers.Length)
        {
            for (var k = identifierStart[node]; k < identifierStart[node + 1]; k++)
            {
                yield return identifiers.Length + identifierLinks[k];
            }
            yield break;
        }
        var c = node - identifiers.Length;
        for (var k = caseStart[c]; k < caseStart[c + 1]; k++)
        {
            yield return caseLinks[k];
        }
    }

    private GraphNode NodeOf(int node) => node < identifiers.Length
        ? new GraphNode(GraphNodeKind.Identifier, identifiers[node])
        : new GraphNode(GraphNodeKind.Case, cases[node - identifiers.Length].Id);

    private int Degree(int identifier) => identifierStart[identifier + 1] - identifierStart[identifier];

    private ArraySegment<int> CasesOf(int identifier) => new(identifierLinks, identifierStart[identifier], Degree(identifier));

    private (decimal Loss, int Unconverted) Losses(IEnumerable<int> members)
    {
        decimal loss = 0;
        var unconverted = 0;
        foreach (var c in members)
        {
            if (cases[c].Loss is { } converted)
            {
                loss += converted;
            }
            else
            {
                unconverted++;
            }
        }
        return (loss, unconverted);
    }

    private List<string> CountriesOf(IEnumerable<int> members) => members.Select(c => countryNames[caseCountries[c]]).Distinct().Order().ToList();

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (ra, rb) = (Find(parent, a), Find(parent, b));
        if (ra != rb)
        {
            // The smaller index becomes the root, so roots are stable whatever the link order.
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }

    /// <summary>Compressed adjacency from (row, column) pairs: each row's columns sorted, repeats removed.</summary>
    private static (int[] Start, int[] Columns) Adjacency(int rows, List<(int Case, int Identifier)> links,
        Func<(int Case, int Identifier), int> row, Func<(int Case, int Identifier), int> column)
    {
        var start = new int[rows + 1];
        foreach (var link in links)
        {
            start[row(link) + 1]++;
        }
        for (var r = 0; r < rows; r++)
        {
            start[r + 1] += start[r];
        }
        var columns = new int[links.Count];
        var fill = start[..^1];
        foreach (var link in links)
        {
            columns[fill[row(link)]++] = column(link);
        }
        var write = 0;
        var compacted = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            var segment = columns.AsSpan(start[r], start[r + 1] - start[r]);
            segment.Sort();
            compacted[r] = write;
            for (var k = 0; k < segment.Length; k++)
            {
                if (k == 0 || segment[k] != segment[k - 1])
                {
                    columns[write++] = segment[k];
                }
            }
        }
        compacted[rows] = write;
        return (compacted, columns[..write]);
    }

    private static (int[] Start, int[] Rows) Invert(int columnsCount, int[] start, int[] columns)
    {
        var inverted = new int[columnsCount + 1];
        foreach (var column in columns)
        {
            inverted[column + 1]++;
        }
        for (var c = 0; c < columnsCount; c++)
        {
            inverted[c + 1] += inverted[c];
        }
        var rows = new int[columns.Length];
        var fill = inverted[..^1];
        for (var r = 0; r + 1 < start.Length; r++)
        {
            for (var k = start[r]; k < start[r + 1]; k++)
            {
                rows[fill[columns[k]]++] = r;
            }
        }
        return (inverted, rows);
    }
}
