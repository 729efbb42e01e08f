using System.Globalization;
using System.Security.Claims;
using Cordon.Application.Data;
using Cordon.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Cordon.Server.Response;

/// <summary>
/// <c>GET /api/v1/events</c>: the caller's notifications as server-sent events, read from the outbox, so nothing is
/// missed across restarts; resume with <c>Last-Event-ID</c> (event ids are <c>sequence-index</c>).
/// </summary>
public static class EventsApi
{
    public static RouteHandlerBuilder MapEvents(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/events", Stream).WithTags("Response").RequireAuthorization(Policies.Read).WithName("Events")
            .WithSummary("Server-sent events for the caller's organisation; resumable with Last-Event-ID");

    private static async Task Stream(HttpContext context, ClaimsPrincipal user, CordonDbFactory store, IConfiguration configuration,
        string? lastEventId)
    {
        var organisation = user.ToActor().OrganisationId;
        var (sequence, index) = Parse(context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId);
        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Cordon:Events:PollMilliseconds", 500));
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await using (var db = store.Create())
                {
                    var messages = await db.Outbox.AsNoTracking()
                        .Where(m => m.OrganisationId == organisation && (m.Sequence > sequence || (m.Sequence == sequence && m.Index > index)))
                        .OrderBy(m => m.Sequence).ThenBy(m => m.Index).Take(500).ToListAsync(context.RequestAborted);
                    foreach (var message in messages)
                    {
                        await context.Response.WriteAsync(
                            $"id: {message.Sequence}-{message.Index}\nevent: {message.EventType}\ndata: {message.Payload}\n\n", context.RequestAborted);
                        (sequence, index) = (message.Sequence, message.Index);
                    }
                    if (messages.Count > 0)
                    {
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        continue;
                    }
                }
                await Task.Delay(poll, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    }

    private static (long Sequence, int Index) Parse(string? id)
    {
        var parts = id?.Split('-');
        return parts is { Length: 2 }
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (sequence, index)
            : (0, -1);
    }
}
