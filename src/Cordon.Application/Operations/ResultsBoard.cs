using Cordon.Core.Response;
using Cordon.Core.Text;

namespace Cordon.Application.Operations;

/// <summary>
/// Adds up an operation's results: what its requests achieved, credited to the organisation that acted (and its
/// country), and what participants reported by hand, credited to the reporter in the country it names. Amounts are
/// kept per currency, never converted: the board adds up exactly what was done.
/// </summary>
public static class ResultsBoard
{
    public const string RequestsSent = "requests_sent";
    public const string RequestsActioned = "requests_actioned";
    public const string DataPreserved = "data_preserved";

    public static OperationBoard Of(IReadOnlyList<ParticipantView> participants, IReadOnlyList<OperationRequestView> requests,
        IReadOnlyList<OperationResult> results, IReadOnlyDictionary<Guid, (string Name, string Country)> organisations)
    {
        var lines = new List<(Guid Organisation, string Country, string Measure, string? Currency, decimal FromRequests, decimal Reported)>();
        string CountryOf(Guid organisation) => organisations.TryGetValue(organisation, out var o) ? o.Country : Core.Members.Countries.Unknown;
        foreach (var request in requests)
        {
            lines.Add((request.SenderId, CountryOf(request.SenderId), RequestsSent, null, 1, 0));
            if (request.State != RequestState.Actioned || request.RecipientId is not { } actor)
            {
                continue;
            }
            var country = CountryOf(actor);
            lines.Add((actor, country, RequestsActioned, null, 1, 0));
            switch (request.Kind)
            {
                case RequestKind.FreezeFunds:
                    lines.Add((actor, country, CordonJson.Name(ResultMeasure.AccountsFrozen), null, request.Targets, 0));
                    if (request.AmountFrozen is { } frozen && request.Currency is { } currency)
                    {
                        lines.Add((actor, country, CordonJson.Name(ResultMeasure.AmountFrozen), currency, frozen, 0));
                    }
                    break;
                case RequestKind.BlockNumber:
                    lines.Add((actor, country, CordonJson.Name(ResultMeasure.NumbersBlocked), null, request.Targets, 0));
                    break;
                case RequestKind.Takedown:
                    lines.Add((actor, country, CordonJson.Name(ResultMeasure.DomainsTakenDown), null, request.Targets, 0));
                    break;
                case RequestKind.PreserveData:
                    lines.Add((actor, country, DataPreserved, null, 1, 0));
                    break;
            }
        }
        foreach (var result in results)
        {
            lines.Add((result.OrganisationId, result.Country, CordonJson.Name(result.Measure), result.Currency, 0, result.Quantity));
        }

        List<BoardFigure> Sum(IEnumerable<(Guid Organisation, string Country, string Measure, string? Currency, decimal FromRequests, decimal Reported)> of) =>
            of.GroupBy(l => (l.Measure, l.Currency))
                .Select(g => new BoardFigure(g.Key.Measure, g.Key.Currency, g.Sum(l => l.FromRequests), g.Sum(l => l.Reported)))
                .OrderBy(f => f.Measure, StringComparer.Ordinal).ThenBy(f => f.Currency, StringComparer.Ordinal).ToList();

        var byParticipant = participants.Select(p => new BoardRow(p.OrganisationId.ToString(), p.Name, Sum(lines.Where(l => l.Organisation == p.OrganisationId))))
            .Concat(lines.Select(l => l.Organisation).Distinct().Where(o => participants.All(p => p.OrganisationId != o))
                .Select(o => new BoardRow(o.ToString(), organisations.TryGetValue(o, out var known) ? known.Name : o.ToString(),
                    Sum(lines.Where(l => l.Organisation == o)))))
            .ToList();
        var byCountry = lines.GroupBy(l => l.Country).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BoardRow(g.Key, g.Key, Sum(g))).ToList();
        return new OperationBoard(Sum(lines), byParticipant, byCountry);
    }
}
