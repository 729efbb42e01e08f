using System.Security.Claims;
using Cordon.Application.Audit;
using Cordon.Core.Audit;
using Cordon.Core.Errors;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Audit;

public sealed record AuditRecordResponse(long Sequence, DateTimeOffset At, Guid OrganisationId, string ActorKind, string ActorId,
    string Action, string ItemType, IReadOnlyList<string> ItemIds, string Details, string? ContentDigest, string PreviousHash, string Hash)
{
    public static AuditRecordResponse From(AuditRecord a) => new(a.Sequence, a.At, a.OrganisationId, a.ActorKind, a.ActorId,
        a.Action, a.ItemType, a.ItemIds.Length == 0 ? [] : a.ItemIds.Split(','), a.Details, a.ContentDigest, a.PreviousHash, a.Hash);
}

/// <summary>A page of the chain, newest first; pass <c>next</c> as <c>before</c> for the following page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecordResponse> Items, long? Next);

public sealed record AuditVerifyResponse(bool Ok, long? BrokenAt, long Records, string? HeadHash, string TreeRoot, IReadOnlyList<string> Findings,
    ContentVerification? Content);

/// <summary>The node's signing key: SubjectPublicKeyInfo in base64 and PEM.</summary>
public sealed record AuditKeyResponse(string KeyId, string Algorithm, string PublicKey, string Pem);

/// <summary>What a witness (a peer) sends: the head of this node's log it checked, and its own signed head at the time.</summary>
public sealed record WitnessReportInput(PublishedTreeHead? Head, PublishedTreeHead? WitnessHead);

public sealed record WitnessReportResponse(string Witness, long Size, string RootHash, bool Consistent, DateTimeOffset ReceivedAt);

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        // Each route names its own policy: a group policy would add to (never relax) a route's, and the log's heads and
        // consistency proofs are for peers (its witnesses) as well as members.
        var group = routes.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/", List).RequireAuthorization(Policies.Administer).WithName("ListAudit")
            .WithSummary("The audit chain, newest first (the node operator sees all; other admins their organisation's records)");
        group.MapPost("/verify", Verify).RequireAuthorization(Policies.OperateNode).WithName("VerifyAudit")
            .WithSummary("Walk the chain and the Merkle tree, optionally recompute content (?content=true), and report what does not hold");
        group.MapGet("/head", Head).RequireAuthorization(Policies.ReadOrPeer).WithName("AuditTreeHead")
            .WithSummary("The signed tree head of the audit log: size, root, time, signature and the public key (RFC 9162)");
        group.MapGet("/key", Key).RequireAuthorization(Policies.ReadOrPeer).WithName("AuditSigningKey")
            .WithSummary("The public key that signs tree heads");
        group.MapGet("/consistency", Consistency).RequireAuthorization(Policies.ReadOrPeer).WithName("AuditConsistencyProof")
            .WithSummary("Proof that the log at `from` records is a prefix of the log at `to` (default: now)");
        group.MapGet("/proof", Proof).RequireAuthorization(Policies.Administer).WithName("AuditInclusionProof")
            .WithSummary("Inclusion proof of one audit record in the tree (of `treeSize` records, default: now)");
        group.MapPost("/witness", Witness).RequireAuthorization(Policies.ReadOrPeer).WithName("ReportWitnessedHead")
            .WithSummary("A peer, as witness, reports the head of this node's log it last checked");
        group.MapGet("/witnesses", Witnesses).RequireAuthorization(Policies.OperateNode).WithName("ListWitnessReports")
            .WithSummary("What witnesses reported of this node's log, newest first");
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

    private static async Task<Ok<AuditVerifyResponse>> Verify(AuditLog audit, AuditContentCheck contents, bool? content,
        CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(null, cancellationToken);
        var contentResult = content == true ? await contents.VerifyAsync(cancellationToken) : null;
        return TypedResults.Ok(new AuditVerifyResponse(result.Ok && contentResult?.Ok != false, result.BrokenAt, result.Records, result.HeadHash,
            result.TreeRoot, result.Findings, contentResult));
    }

    private static async Task<Ok<PublishedTreeHead>> Head(TransparencyLog log, CancellationToken cancellationToken)
    {
        var head = await log.HeadAsync(cancellationToken);
        return TypedResults.Ok(PublishedTreeHead.From(head, await log.PublicKeyAsync(cancellationToken)));
    }

    private static async Task<Ok<AuditKeyResponse>> Key(TransparencyLog log, CancellationToken cancellationToken)
    {
        var key = await log.PublicKeyAsync(cancellationToken);
        var pem = new string(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", key));
        return TypedResults.Ok(new AuditKeyResponse(SignedTreeHead.KeyIdOf(key), SignedTreeHead.Algorithm, Convert.ToBase64String(key), pem));
    }

    private static async Task<Ok<ConsistencyProof>> Consistency(TransparencyLog log, string? from, string? to, CancellationToken cancellationToken) =>
        TypedResults.Ok(await log.ConsistencyAsync(Size(from, "from") ?? throw new InvalidInputException("from", "is required."), Size(to, "to"),
            cancellationToken));

    private static async Task<Ok<InclusionProof>> Proof(ClaimsPrincipal user, TransparencyLog log, AuditLog audit, string? record,
        string? treeSize, CancellationToken cancellationToken)
    {
        var sequence = Size(record, "record") ?? throw new InvalidInputException("record", "is required.");
        var actor = user.ToActor();
        if (!actor.IsNodeOperator && !await audit.BelongsToAsync(sequence, actor.OrganisationId, cancellationToken))
        {
            throw new NotFoundException("audit record");
        }
        return TypedResults.Ok(await log.InclusionAsync(sequence, Size(treeSize, "treeSize"), cancellationToken));
    }

    private static async Task<Ok<WitnessReportResponse>> Witness(HttpContext http, WitnessReportInput? input, WitnessDesk desk,
        CancellationToken cancellationToken)
    {
        var caller = RequestCaller.Of(http);
        var report = await desk.ReceiveAsync(caller, input?.Head, input?.WitnessHead, cancellationToken);
        return TypedResults.Ok(new WitnessReportResponse(report.Witness, report.Size, report.RootHash, report.Consistent, report.ReceivedAt));
    }

    private static async Task<Ok<IReadOnlyList<WitnessReportResponse>>> Witnesses(WitnessDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WitnessReportResponse>>((await desk.ListAsync(200, cancellationToken))
            .Select(r => new WitnessReportResponse(r.Witness, r.Size, r.RootHash, r.Consistent, r.ReceivedAt)).ToList());

    /// <summary>A size or record number from the query: a positive whole number, named in the error when it is not.</summary>
    private static long? Size(string? text, string parameter) =>
        text is null ? null
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidInputException(parameter, "must be a positive whole number.");
}
