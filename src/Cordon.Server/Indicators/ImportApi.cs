using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Cordon.Application.Indicators.Import;
using Cordon.Core.Errors;
using Cordon.Core.Identifiers;
using Cordon.Core.Indicators;
using Cordon.Core.Sharing;
using Cordon.Core.Text;
using Cordon.Server.Auth;
using Cordon.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cordon.Server.Indicators;

public sealed record ImportResponse(string Sha256, long Rows, long Created, long Updated, long Rejected, IReadOnlyList<ImportError> Errors,
    double Seconds);

/// <summary>Bulk import of a file uploaded as the request body (CSV, JSON lines, eth-phishing-detect config).</summary>
public static class ImportApi
{
    private const long MaxFileBytes = 512L * 1024 * 1024;

    /// <summary>What the console's import form takes (its page says 100 MB).</summary>
    private const long MaxConsoleFileBytes = 100L * 1024 * 1024;

    public static void MapIndicatorImport(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/indicators/import", Import).WithTags("Indicators").RequireAuthorization(Policies.Contribute)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .WithName("ImportIndicators")
            .WithSummary("Import a file (body): format=csv|jsonl|list|misp|eth_phishing_detect; defaults for left-out columns as query parameters");
        // The console's import form, sent by its script: the same import, its progress and refused rows streamed back as
        // JSON lines while it runs. Without the script the form posts to its page and shows the result at the end.
        routes.MapPost("/console/import/progress", ImportWithProgress)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = WebConsole.ConsoleAuthentication.Scheme, Policy = Policies.Contribute })
            .WithMetadata(new RequireAntiforgeryTokenAttribute(), new RequestSizeLimitAttribute(MaxConsoleFileBytes + 1024 * 1024))
            .ExcludeFromDescription();
    }

    private static async Task ImportWithProgress(HttpContext http, ClaimsPrincipal user, IndicatorImporter importer, ILoggerFactory logs,
        Microsoft.Extensions.Localization.IStringLocalizer<WebConsole.Text> T)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var lines = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = WriteLinesAsync(http.Response, lines.Reader, http.RequestAborted);
        try
        {
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                throw new InvalidInputException("file", T["Choose a file to import."]);
            }
            var defaults = new ImportDefaults(Categories: QueryEnum.Parse<Category>(Blank(form["Category"]), "category") is { } category ? [category] : null,
                Tlp: QueryEnum.Parse<Tlp>(Blank(form["Tlp"]), "tlp"), Distribution: Distribution.Node);
            var format = QueryEnum.Parse<ImportFormat>(Blank(form["Format"]), "format") ?? ImportFormat.Csv;
            await using var stream = file.OpenReadStream();
            var total = file.Length;
            var report = await importer.ImportAsync(user.ToActor(), stream, format, defaults, "console",
                new LineProgress(p => lines.Writer.TryWrite(new { rows = p.Rows, bytes = p.Bytes, total, rejected = p.Rejected, refused = p.Refused })),
                http.RequestAborted);
            lines.Writer.TryWrite(new
            {
                done = new ImportResponse(report.Sha256, report.Rows, report.Created, report.Updated, report.Rejected, [],
                    Math.Round(report.Elapsed.TotalSeconds, 3)),
            });
        }
        catch (CordonException refused)
        {
            lines.Writer.TryWrite(new { error = refused is InvalidInputException invalid ? $"{T[invalid.Field]}: {invalid.Reason}" : refused.Message });
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(ImportApi)).LogError(failure, "Console import failed");
            lines.Writer.TryWrite(new { error = T["The import failed and nothing was saved; try again, or ask the node's operator."].Value });
        }
        finally
        {
            lines.Writer.TryComplete();
        }
        await writer;
    }

    private static async Task WriteLinesAsync(HttpResponse response, ChannelReader<object> lines, CancellationToken cancellationToken)
    {
        await foreach (var line in lines.ReadAllAsync(cancellationToken))
        {
            await response.WriteAsync(JsonSerializer.Serialize(line, CordonJson.Options) + "\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Reports on the importing thread: the channel takes it from there.</summary>
    private sealed class LineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

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
