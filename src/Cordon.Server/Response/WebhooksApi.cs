using System.Security.Claims;
using Cordon.Application.Response;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Response;

public sealed record WebhookBody(string? Url);

public sealed record WebhookResponse(Guid Id, string Url, DateTimeOffset CreatedAt, string? Secret);

public sealed record DeliveryResponse(Guid Id, Guid MessageId, Guid SubscriptionId, int Attempts, int? LastStatus, string? LastError,
    DateTimeOffset? DeadAt);

/// <summary>Webhook endpoints per organisation (admins); the signing secret is shown once, when the endpoint is added.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/webhooks").WithTags("Response").RequireAuthorization(Policies.Administer);
        group.MapPost("/", Add).WithName("AddWebhook").WithSummary("Add an endpoint; its whsec_ signing secret is in this response only");
        group.MapGet("/", List).WithName("ListWebhooks");
        group.MapDelete("/{id:guid}", Remove).WithName("RemoveWebhook");
        group.MapPost("/test", Test).WithName("TestWebhooks").WithSummary("Send a webhook.test event to every endpoint");
        group.MapGet("/dead-letters", DeadLetters).WithName("DeadLetters").WithSummary("Deliveries that gave up");
        group.MapPost("/deliveries/{id:guid}/resend", Resend).WithName("ResendDelivery");
        return group;
    }

    private static async Task<Created<WebhookResponse>> Add(WebhookBody body, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        var added = await webhooks.AddAsync(user.ToActor(), body.Url, ct);
        return TypedResults.Created($"/api/v1/webhooks/{added.Id}", new WebhookResponse(added.Id, added.Url, added.CreatedAt, added.Secret));
    }

    private static async Task<Ok<List<WebhookResponse>>> List(ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        TypedResults.Ok((await webhooks.ListAsync(user.ToActor(), ct)).Select(w => new WebhookResponse(w.Id, w.Url, w.CreatedAt, null)).ToList());

    private static async Task<NoContent> Remove(Guid id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        await webhooks.RemoveAsync(user.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted> Test(ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        await webhooks.TestAsync(user.ToActor(), ct);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Ok<List<DeliveryResponse>>> DeadLetters(ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        TypedResults.Ok((await webhooks.DeadLettersAsync(user.ToActor(), ct))
            .Select(d => new DeliveryResponse(d.Id, d.MessageId, d.SubscriptionId, d.Attempts, d.LastStatus, d.LastError, d.DeadAt)).ToList());

    private static async Task<Accepted> Resend(Guid id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        await webhooks.ResendAsync(user.ToActor(), id, ct);
        return TypedResults.Accepted((string?)null);
    }
}
