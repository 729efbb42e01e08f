using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Cases;
using Cordon.Core.Errors;
using Cordon.Core.Graph;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Cases;

/// <summary>What the graph answers say about a case node.</summary>
public sealed record CaseSummary(Guid Id, Category Category, string VictimCountry, DateTimeOffset OccurredAt, Guid OrganisationId);

/// <summary>A graph answer with the identifiers and cases it names, resolved for display.</summary>
public sealed record GraphAnswer<T>(T Result, IReadOnlyDictionary<Guid, Observable> Identifiers, IReadOnlyDictionary<Guid, CaseSummary> Cases);

/// <summary>
/// Link analysis for one caller: the graph is built on demand from the cases the caller may see (the access policy is
/// applied in the query, so an invisible case adds no node, no link and no count) without the non-correlating values.
/// </summary>
public sealed class GraphService(CordonDb db, RateTable rates, TimeProvider clock, IdentifierNormalisation normalisation)
{
    public const int MaxTop = 1000;
    public const int MaxDepth = 4;
    public const int MaxNodes = 1000;

    public RateTable RateTable => rates;

    public async Task<GraphAnswer<IReadOnlyList<Ring>>> RingsAsync(Caller caller, int top, CancellationToken cancellationToken = default)
    {
        var graph = await LoadAsync(caller, cancellationToken);
        var rings = graph.Rings(Top(top));
        return await AnswerAsync(rings, rings.SelectMany(r => r.SharedIdentifierIds), [], cancellationToken);
    }

    public async Task<GraphAnswer<IReadOnlyList<Mule>>> MulesAsync(Caller caller, int top, CancellationToken cancellationToken = default)
    {
        var graph = await LoadAsync(caller, cancellationToken);
        var mules = graph.Mules(clock.GetUtcNow(), Top(top));
        return await AnswerAsync(mules, mules.Select(m => m.IdentifierId), [], cancellationToken);
    }

    public async Task<GraphAnswer<IReadOnlyList<Hub>>> HubsAsync(Caller caller, int top, CancellationToken cancellationToken = default)
    {
        var graph = await LoadAsync(caller, cancellationToken);
        var hubs = graph.Hubs(Top(top));
        return await AnswerAsync(hubs, hubs.Select(h => h.IdentifierId), [], cancellationToken);
    }

    /// <summary>The shortest path between two identifiers given in any spelling; an empty list when they are not connected.</summary>
    public async Task<GraphAnswer<IReadOnlyList<GraphNode>>> PathAsync(Caller caller, (IdentifierType? Type, string? Value) from,
        (IdentifierType? Type, string? Value) to, CancellationToken cancellationToken = default)
    {
        var start = await ObservableIdAsync(caller, from, "from", cancellationToken);
        var goal = await ObservableIdAsync(caller, to, "to", cancellationToken);
        var graph = await LoadAsync(caller, cancellationToken);
        var path = start is null || goal is null ? null : graph.Path(start.Value, goal.Value);
        IReadOnlyList<GraphNode> nodes = path ?? [];
        return await AnswerAsync(nodes, Ids(nodes, GraphNodeKind.Identifier), Ids(nodes, GraphNodeKind.Case), cancellationToken);
    }

    public async Task<GraphAnswer<Neighbourhood>> AroundAsync(Caller caller, (IdentifierType? Type, string? Value) start, int depth, int maxNodes,
        CancellationToken cancellationToken = default)
    {
        if (depth is < 1 or > MaxDepth)
        {
            throw new InvalidInputException("depth", $"must be between 1 and {MaxDepth}.");
        }
        if (maxNodes is < 1 or > MaxNodes)
        {
            throw new InvalidInputException("limit", $"must be between 1 and {MaxNodes}.");
        }
        var id = await ObservableIdAsync(caller, start, "value", cancellationToken);
        var graph = await LoadAsync(caller, cancellationToken);
        var around = (id is null ? null : graph.Around(id.Value, depth, maxNodes)) ?? new Neighbourhood([], [], false);
        return await AnswerAsync(around, Ids(around.Nodes, GraphNodeKind.Identifier), Ids(around.Nodes, GraphNodeKind.Case), cancellationToken);
    }

    /// <summary>The caller's visible cases and their correlating links, as a graph.</summary>
    public async Task<CaseGraph> LoadAsync(Caller caller, CancellationToken cancellationToken)
    {
        var viewer = caller.Viewer;
        var visible = db.Cases.AsNoTracking().VisibleTo(viewer);
        var builder = new CaseGraphBuilder();
        await foreach (var c in visible.Select(c => new { c.Id, c.OrganisationId, c.VictimCountry, c.LossAmount, c.LossCurrency, c.OccurredAt })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddCase(new CaseFacts(c.Id, c.OrganisationId, c.VictimCountry, rates.Convert(c.LossAmount, c.LossCurrency), c.OccurredAt));
        }
        var links = db.CaseIdentifiers.AsNoTracking()
            .Where(l => visible.Any(c => c.Id == l.CaseId) && !db.NonCorrelating.Any(n => n.ObservableId == l.ObservableId))
            .Select(l => new { l.CaseId, l.ObservableId, l.Observable.Type });
        await foreach (var link in links.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.Link(link.CaseId, link.ObservableId, link.Type);
        }
        return builder.Build();
    }

    private async Task<Guid?> ObservableIdAsync(Caller caller, (IdentifierType? Type, string? Value) identifier, string field,
        CancellationToken cancellationToken)
    {
        var type = identifier.Type ?? throw new InvalidInputException($"{field}Type", "is required.");
        var country = await db.Organisations.Where(o => o.Id == caller.OrganisationId).Select(o => o.Country).SingleAsync(cancellationToken);
        Identifier normalised;
        try
        {
            normalised = IdentifierNormaliser.Normalise(type, identifier.Value, normalisation.For(country));
        }
        catch (InvalidInputException invalid)
        {
            throw new InvalidInputException(field, invalid.Reason);
        }
        // An identifier no visible case names is simply not in the graph; the answer is the same as for an unknown one.
        return await db.Observables.Where(o => o.Type == normalised.Type && o.Value == normalised.Value).Select(o => (Guid?)o.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<GraphAnswer<T>> AnswerAsync<T>(T result, IEnumerable<Guid> identifierIds, IEnumerable<Guid> caseIds,
        CancellationToken cancellationToken)
    {
        var identifiers = identifierIds.Distinct().ToList();
        var cases = caseIds.Distinct().ToList();
        var observables = await db.Observables.AsNoTracking().Where(o => identifiers.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var summaries = await db.Cases.AsNoTracking().Where(c => cases.Contains(c.Id))
            .Select(c => new CaseSummary(c.Id, c.Category, c.VictimCountry, c.OccurredAt, c.OrganisationId)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return new GraphAnswer<T>(result, observables, summaries);
    }

    private static IEnumerable<Guid> Ids(IEnumerable<GraphNode> nodes, GraphNodeKind kind) => nodes.Where(n => n.Kind == kind).Select(n => n.Id);

    private static int Top(int top) => top is >= 1 and <= MaxTop ? top : throw new InvalidInputException("top", $"must be between 1 and {MaxTop}.");
}
