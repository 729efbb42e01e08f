using System.Security.Claims;
using Cordon.Application.Indicators.Import;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Indicators;

public sealed record ImportResponse(string Sha256, long Rows, long Created, long Updated, long Rejected, IReadOnlyList<ImportError> Errors,
    double Seconds);

/// <summary>Bulk import of a file uploaded as the request body (CSV, JSON lines, eth-phishing-detect config).</summary>
public static class ImportApi
{
    private const long MaxFileBytes = 512L * 1024 * 1024;

    public static RouteHandlerBuilder MapIndicatorImport(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/indicators/import", Import).WithTags("Indicators").RequireAuthorization(Policies.Contribute)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .WithName("ImportIndicators")
            .WithSummary("Import a file (body): format=csv|jsonl|list|misp|eth_phishing_detect; defaults for left-out columns as query parameters");

    private static async Task<Ok<ImportResponse>> Import(HttpRequest request, ClaimsPrincipal user, IndicatorImporter importer,
        string? format, string? type, string? category, int? confidence, string? tlp, string? distribution, [FromQuery] Guid[]? community,
        DateTimeOffset? validUntil, CancellationToken cancellationToken)
    {
        var importFormat = QueryEnum.Parse<ImportFormat>(format, "format")
                           ?? throw new InvalidInputException("format", "is required: csv, jsonl or eth_phishing_detect.");
        var categories = category?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => QueryEnum.Parse<Category>(c, "category")!.Value).ToList();
        var defaults = new ImportDefaults(QueryEnum.Parse<IdentifierType>(type, "type"), categories, confidence,
            QueryEnum.Parse<Tlp>(tlp, "tlp"), QueryEnum.Parse<Distribution>(distribution, "distribution"), community, validUntil);
        // Receive the whole file first: a slow upload must not hold the store's write lock while it trickles in.
        await using var buffered = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await request.Body.CopyToAsync(buffered, cancellationToken);
        buffered.Position = 0;
        var report = await importer.ImportAsync(user.ToActor(), buffered, importFormat, defaults, "api", null, cancellationToken);
        return TypedResults.Ok(new ImportResponse(report.Sha256, report.Rows, report.Created, report.Updated, report.Rejected, report.Errors,
            Math.Round(report.Elapsed.TotalSeconds, 3)));
    }
}
