using System.Security.Claims;
using Cordon.Application.Audit;
using Cordon.Core.Errors;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Audit;

public sealed record AuditRecordResponse(long Sequence, DateTimeOffset At, Guid OrganisationId, string ActorKind, string ActorId,
    string Action, string ItemType, IReadOnlyList<string> ItemIds, string Details, string PreviousHash, string Hash)
{
    public static AuditRecordResponse From(AuditRecord a) => new(a.Sequence, a.At, a.OrganisationId, a.ActorKind, a.ActorId,
        a.Action, a.ItemType, a.ItemIds.Length == 0 ? [] : a.ItemIds.Split(','), a.Details, a.PreviousHash, a.Hash);
}

/// <summary>A page of the chain, newest first; pass <c>next</c> as <c>before</c> for the following page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordResponse> Items, long? Next);

public sealed record AuditVerifyResponse(bool Ok, long? BrokenAt, long Records, string? HeadHash);

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Administer);
        group.MapGet("/", List).WithName("ListAudit")
            .WithSummary("The audit chain, newest first (the node operator sees all; other admins their organisation's records)");
        group.MapPost("/verify", Verify).RequireAuthorization(Policies.OperateNode).WithName("VerifyAudit").WithSummary("Walk the chain and report the first broken link");
        return group;
    }

    private static async Task<Ok<AuditPage>> List(ClaimsPrincipal user, AuditLog audit, long? before, int? limit,
        CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var pageSize = limit ?? 100;
        if (pageSize is < 1 or > 1000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 1000.");
        }
        var records = await audit.ListAsync(actor.IsNodeOperator ? null : actor.OrganisationId, before, pageSize, cancellationToken);
        var next = records.Count == pageSize ? records[^1].Sequence : (long?)null;
        return TypedResults.Ok(new AuditPage(records.Select(AuditRecordResponse.From).ToList(), next));
    }

    private static async Task<Ok<AuditVerifyResponse>> Verify(ClaimsPrincipal user, AuditLog audit, CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(cancellationToken);
        return TypedResults.Ok(new AuditVerifyResponse(result.Ok, result.BrokenAt, result.Records, result.HeadHash));
    }
}
