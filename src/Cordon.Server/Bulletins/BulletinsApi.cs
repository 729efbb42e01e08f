using Cordon.Application.Bulletins;
using Cordon.Core.Indicators;
using Cordon.Core.Members;
using Cordon.Core.Sharing;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Bulletins;

public sealed record BulletinTextResponse(string Language, string Title, string Summary, string Body, string? Actions, DateTimeOffset AddedAt);

public sealed record BulletinAuthor(Guid Id, string Name, string Country);

public sealed record BulletinAttachmentResponse(Guid Id, string FileName, string MediaType, long Size, string Sha256, DateTimeOffset CreatedAt)
{
    public static BulletinAttachmentResponse From(BulletinAttachment a) => new(a.Id, a.FileName, a.MediaType, a.Size, a.Sha256, a.CreatedAt);
}

public sealed record BulletinResponse(Guid Id, BulletinAuthor Author, Severity Severity, IReadOnlyList<Category> Categories, IReadOnlyList<string> Countries,
    IReadOnlyList<string> Sectors, Tlp Tlp, Distribution Distribution, bool PublicAdvice, IReadOnlyList<Guid> Communities, IReadOnlyList<BulletinTextResponse> Texts,
    IReadOnlyList<Guid> Indicators, IReadOnlyList<Guid> Cases, DateTimeOffset PublishedAt, IReadOnlyList<AcknowledgementKind> Acknowledged,
    IReadOnlyList<BulletinAttachmentResponse> Attachments, string? OriginNode)
{
    public static BulletinResponse From(BulletinView view)
    {
        var b = view.Bulletin;
        return new(b.Id, new BulletinAuthor(view.Author.Id, view.Author.Name, view.Author.Country), b.Severity, CategorySet.FromFlags(b.CategoryFlags),
            Split(b.Countries), Split(b.Sectors), b.Tlp, b.Distribution, b.PublicAdvice, b.Communities.Select(c => c.CommunityId).ToList(),
            b.Texts.OrderBy(t => t.AddedAt).Select(t => new BulletinTextResponse(t.Language, t.Title, t.Summary, t.Body, t.Actions, t.AddedAt)).ToList(),
            b.Links.Where(l => l.ItemType == "indicator").Select(l => l.ItemId).ToList(), b.Links.Where(l => l.ItemType == "case").Select(l => l.ItemId).ToList(),
            b.PublishedAt, view.Acknowledged, view.Attachments.Select(BulletinAttachmentResponse.From).ToList(), b.OriginNode);
    }

    private static List<string> Split(string text) => text.Length == 0 ? [] : [.. text.Split(' ')];
}

public sealed record AcknowledgementInput(AcknowledgementKind? Kind, string? Note);

public sealed record AcknowledgementResponse(string Organisation, Guid OrganisationId, AcknowledgementKind Kind, string? Note, DateTimeOffset At);

/// <summary>Bulletins: publish, list (<c>?unread=true</c> for the badge), read, translate, acknowledge.</summary>
public static class BulletinsApi
{
    public static void MapBulletins(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/bulletins").WithTags("Bulletins").RequireAuthorization(Policies.Read);
        group.MapPost("/", Publish).RequireAuthorization(Policies.Contribute).WithName("PublishBulletin")
            .WithSummary("Publish a modus-operandi bulletin; it reaches every member its marking lets see it (bulletin.published)");
        group.MapGet("/", List).WithName("ListBulletins").WithSummary("The newest bulletins the caller may see; ?unread=true for those not yet acknowledged");
        group.MapGet("/{id:guid}", Get).WithName("GetBulletin").WithSummary("One bulletin in every language it has");
        group.MapPost("/{id:guid}/translations", Translate).RequireAuthorization(Policies.Contribute).WithName("TranslateBulletin")
            .WithSummary("Add (or, for its writer, replace) the bulletin's text in one language");
        group.MapPost("/{id:guid}/acknowledgements", Acknowledge).WithName("AcknowledgeBulletin")
            .WithSummary("Acknowledge a bulletin for your organisation: read, or acted (with a note)");
        group.MapGet("/{id:guid}/acknowledgements", Acknowledgements).WithName("BulletinAcknowledgements")
            .WithSummary("Who acknowledged the bulletin and when (its author's organisation only)");
        group.MapPost("/{id:guid}/attachments", Attach).RequireAuthorization(Policies.Contribute).WithName("AttachToBulletin")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Application.Members.AttachedFile.MaxBytes + 1))
            .WithSummary("Add a file to your bulletin (the body, up to 10 MiB; ?fileName=…; Content-Type is kept)");
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", Attachment).WithName("GetBulletinAttachment")
            .WithSummary("One of the bulletin's files, as a download, with its SHA-256 in X-Content-SHA256");
        routes.MapGet("/console/bulletins/{id:guid}/attachments/{attachmentId:guid}", Attachment)
            .RequireAuthorization(WebConsole.ConsoleAuthentication.Reader())
            .ExcludeFromDescription();
    }

    private static async Task<Created<BulletinResponse>> Publish(BulletinInput body, Caller caller, BulletinService bulletins, CancellationToken cancellationToken)
    {
        var view = await bulletins.PublishAsync(caller, body, cancellationToken);
        return TypedResults.Created($"/api/v1/bulletins/{view.Bulletin.Id}", BulletinResponse.From(view));
    }

    private static async Task<Ok<IReadOnlyList<BulletinResponse>>> List(Caller caller, BulletinService bulletins, bool? unread, int? limit,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<BulletinResponse>>((await bulletins.ListAsync(caller, unread == true, limit ?? 50, cancellationToken))
            .Select(BulletinResponse.From).ToList());

    private static async Task<Ok<BulletinResponse>> Get(Guid id, Caller caller, BulletinService bulletins, CancellationToken cancellationToken) =>
        TypedResults.Ok(BulletinResponse.From(await bulletins.GetAsync(caller, id, cancellationToken)));

    private static async Task<Ok<BulletinResponse>> Translate(Guid id, TranslationInput body, Caller caller, BulletinService bulletins,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(BulletinResponse.From(await bulletins.TranslateAsync(caller, id, body, cancellationToken)));

    private static async Task<NoContent> Acknowledge(Guid id, AcknowledgementInput body, Caller caller, BulletinService bulletins,
        CancellationToken cancellationToken)
    {
        await bulletins.AcknowledgeAsync(caller, id, body.Kind, body.Note, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Created<BulletinAttachmentResponse>> Attach(Guid id, string? fileName, HttpRequest request, Caller caller,
        BulletinService bulletins, CancellationToken cancellationToken)
    {
        var attachment = await bulletins.AttachAsync(caller, id, fileName, request.ContentType, await Http.AttachmentTransfer.ReadAsync(request, cancellationToken),
            cancellationToken);
        return TypedResults.Created($"/api/v1/bulletins/{id}/attachments/{attachment.Id}", BulletinAttachmentResponse.From(attachment));
    }

    private static async Task<FileContentHttpResult> Attachment(Guid id, Guid attachmentId, Caller caller, BulletinService bulletins,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var attachment = await bulletins.AttachmentAsync(caller, id, attachmentId, cancellationToken);
        return Http.AttachmentTransfer.Download(response, attachment.FileName, attachment.Sha256, attachment.Content);
    }

    private static async Task<Ok<IReadOnlyList<AcknowledgementResponse>>> Acknowledgements(Guid id, Caller caller, BulletinService bulletins,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<AcknowledgementResponse>>((await bulletins.AcknowledgementsAsync(caller, id, cancellationToken))
            .Select(a => new AcknowledgementResponse(a.Organisation, a.Acknowledgement.OrganisationId, a.Acknowledgement.Kind, a.Acknowledgement.Note,
                a.Acknowledgement.At)).ToList());
}
