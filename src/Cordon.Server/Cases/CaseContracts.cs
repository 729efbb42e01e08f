using Cordon.Application.Cases;
using Cordon.Application.Indicators;
using Cordon.Core.Cases;
using Cordon.Core.Graph;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;

namespace Cordon.Server.Cases;

public sealed record LossResponse(decimal Amount, string Currency, decimal? Converted, string ReportingCurrency);

public sealed record IdentifierRef(Guid Id, IdentifierType Type, string Value)
{
    public static IdentifierRef From(Observable o) => new(o.Id, o.Type, o.Display);
}

/// <summary>What else the caller's visible part of the network knows about one of the case's identifiers.</summary>
public sealed record CorrelationResponse(IdentifierRef Identifier, bool NonCorrelating, int Reports, int OtherCases, int Indicators, int Organisations,
    IReadOnlyList<string> Countries, string Summary, IReadOnlyList<Guid> CaseIds)
{
    public static CorrelationResponse From(IdentifierCorrelation c) => new(IdentifierRef.From(c.Identifier), c.NonCorrelating, c.Reports,
        c.OtherCases, c.Indicators, c.Organisations, c.Countries, Describe(c), c.CaseIds);

    private static string Describe(IdentifierCorrelation c) => c.NonCorrelating
        ? "marked non-correlating: too common to link reports"
        : c.Reports == 0
            ? "no other report names it"
            : $"appears in {c.Reports} other report{(c.Reports == 1 ? "" : "s")} from {c.Countries.Count} countr{(c.Countries.Count == 1 ? "y" : "ies")}";
}

public sealed record NoteResponse(Guid Id, string Author, string Text, DateTimeOffset CreatedAt)
{
    public static NoteResponse From(CaseNote n) => new(n.Id, n.Author, n.Text, n.CreatedAt);
}

public sealed record AttachmentResponse(Guid Id, string FileName, string MediaType, long Size, string Sha256, string Author, DateTimeOffset CreatedAt)
{
    public static AttachmentResponse From(CaseAttachment a) => new(a.Id, a.FileName, a.MediaType, a.Size, a.Sha256, a.Author, a.CreatedAt);
}

public sealed record CaseResponse(
    Guid Id,
    Guid OrganisationId,
    string Organisation,
    Category Category,
    LossResponse Loss,
    string VictimCountry,
    DateTimeOffset OccurredAt,
    string? Reference,
    string? Summary,
    CaseStatus Status,
    Tlp Tlp,
    Distribution Distribution,
    IReadOnlyList<Guid> Communities,
    IReadOnlyList<CorrelationResponse> Identifiers,
    IReadOnlyList<NoteResponse> Notes,
    IReadOnlyList<AttachmentResponse> Attachments,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CaseResponse From(CaseView view, RateTable rates)
    {
        var c = view.Case;
        return new CaseResponse(c.Id, c.OrganisationId, view.Reporter.Name, c.Category,
            new LossResponse(c.LossAmount, c.LossCurrency, rates.Convert(c.LossAmount, c.LossCurrency), rates.ReportingCurrency),
            c.VictimCountry, c.OccurredAt, c.Reference, c.Summary, c.Status, c.Tlp, c.Distribution, c.Communities.Select(m => m.CommunityId).ToList(),
            view.Correlations.Select(CorrelationResponse.From).ToList(), view.Notes.Select(NoteResponse.From).ToList(),
            view.Attachments.Select(AttachmentResponse.From).ToList(), c.CreatedAt, c.UpdatedAt);
    }
}

/// <summary>A case as a list shows it: enough to choose which to open.</summary>
public sealed record CaseSummaryResponse(Guid Id, Guid OrganisationId, Category Category, LossResponse Loss, string VictimCountry, DateTimeOffset OccurredAt,
    string? Reference, CaseStatus Status, Tlp Tlp, Distribution Distribution, DateTimeOffset CreatedAt)
{
    public static CaseSummaryResponse From(Case c, RateTable rates) => new(c.Id, c.OrganisationId, c.Category,
        new LossResponse(c.LossAmount, c.LossCurrency, rates.Convert(c.LossAmount, c.LossCurrency), rates.ReportingCurrency), c.VictimCountry, c.OccurredAt,
        c.Reference, c.Status, c.Tlp, c.Distribution, c.CreatedAt);
}

/// <summary>A page of cases; <c>Next</c> (when there are more) is the <c>after</c> of the next page.</summary>
public sealed record CasePageResponse(IReadOnlyList<CaseSummaryResponse> Items, string? Next);

public sealed record StatusRequest(CaseStatus? Status);

public sealed record NoteRequest(string? Text);

public sealed record CaseImportResponse(int Rows, int Created, int Rejected, IReadOnlyList<CaseRowResult> Results);

public sealed record CorrelationEventResponse(long Sequence, Guid CaseId, DateTimeOffset At, CorrelationResponse Correlation);

public sealed record CorrelationFeedResponse(IReadOnlyList<CorrelationEventResponse> Items, long Cursor);

public sealed record RingResponse(Guid Id, int Cases, int Identifiers, int SharedIdentifiers, decimal TotalLoss, int UnconvertedLosses,
    IReadOnlyList<string> Countries, int Organisations, IReadOnlyList<Guid> CaseIds, IReadOnlyList<IdentifierRef> Shared);

public sealed record RingsResponse(string ReportingCurrency, IReadOnlyList<RingResponse> Rings);

public sealed record MuleResponse(IdentifierRef Identifier, int Score, int Victims, int Countries, decimal Loss, int UnconvertedLosses,
    DateTimeOffset LastOccurredAt);

public sealed record MulesResponse(string ReportingCurrency, IReadOnlyList<MuleResponse> Mules);

public sealed record HubResponse(IdentifierRef Identifier, int Cases, int Countries);

public sealed record CaseNodeResponse(Guid Id, Category Category, string VictimCountry, DateTimeOffset OccurredAt);

/// <summary>A node of a path or neighbourhood: an identifier or a case, one of the two filled.</summary>
public sealed record NodeResponse(GraphNodeKind Kind, IdentifierRef? Identifier, CaseNodeResponse? Case)
{
    public static NodeResponse From<T>(GraphNode node, GraphAnswer<T> answer) => node.Kind == GraphNodeKind.Identifier
        ? new NodeResponse(node.Kind, IdentifierRef.From(answer.Identifiers[node.Id]), null)
        : new NodeResponse(node.Kind, null, answer.Cases[node.Id] is var c ? new CaseNodeResponse(c.Id, c.Category, c.VictimCountry, c.OccurredAt) : null);
}

public sealed record PathResponse(bool Connected, int Hops, IReadOnlyList<NodeResponse> Nodes);

public sealed record LinkResponse(Guid Case, Guid Identifier);

public sealed record AroundResponse(IReadOnlyList<NodeResponse> Nodes, IReadOnlyList<LinkResponse> Links, bool Truncated);

public sealed record NonCorrelatingRequest(IdentifierType? Type, string? Value, string? Reason);

public sealed record NonCorrelatingResponse(IdentifierRef Identifier, string Reason, string MarkedBy, DateTimeOffset CreatedAt);
