using Cordon.Application.Evidence;
using Cordon.Core.Members;
using Cordon.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cordon.Server.Evidence;

/// <summary>Evidence packages: one ZIP per case or request, verifiable offline with <c>cordon evidence verify</c>.</summary>
public static class EvidenceApi
{
    public static void MapEvidence(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/cases/{id:guid}/evidence", ForCase).WithTags("Evidence").RequireAuthorization(Policies.Read)
            .WithName("CaseEvidencePackage").WithSummary("An evidence package (ZIP) of the case as the caller may see it, with audit proofs");
        routes.MapPost("/api/v1/requests/{id:guid}/evidence", ForRequest).WithTags("Evidence").RequireAuthorization(Policies.Read)
            .WithName("RequestEvidencePackage").WithSummary("An evidence package (ZIP) of the request, its history and deadlines, with audit proofs");
        // The console's button: the same package, for the signed-in user, from a form carrying its antiforgery token.
        routes.MapPost("/console/cases/{id:guid}/evidence", ForCase)
            .RequireAuthorization(WebConsole.ConsoleAuthentication.Reader())
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }

    private static async Task<FileContentHttpResult> ForCase(Guid id, Caller caller, EvidencePackages packages, CancellationToken cancellationToken)
    {
        using var zip = new MemoryStream();
        await packages.ForCaseAsync(caller, id, zip, cancellationToken);
        return TypedResults.File(zip.ToArray(), "application/zip", $"evidence-case-{id:D}.zip");
    }

    private static async Task<FileContentHttpResult> ForRequest(Guid id, Caller caller, EvidencePackages packages, CancellationToken cancellationToken)
    {
        using var zip = new MemoryStream();
        await packages.ForRequestAsync(caller, id, zip, cancellationToken);
        return TypedResults.File(zip.ToArray(), "application/zip", $"evidence-request-{id:D}.zip");
    }
}
