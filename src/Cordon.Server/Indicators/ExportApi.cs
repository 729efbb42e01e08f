using Cordon.Application.Indicators;
using Cordon.Core.Errors;
using Cordon.Core.Members;
using Cordon.Core.Text;
using Cordon.Server.Auth;

namespace Cordon.Server.Indicators;

/// <summary><c>GET /api/v1/indicators/export?format=stix|misp|csv</c>: every active indicator the caller may see, streamed.</summary>
public static class ExportApi
{
    public static RouteHandlerBuilder MapIndicatorExport(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/indicators/export", Export).WithTags("Indicators").RequireAuthorization(Policies.Read)
            .WithName("ExportIndicators")
            .WithSummary("Export the active indicators your organisation may see: format=stix (a STIX 2.1 bundle), misp (a MISP event) or csv (Cordon's import CSV)");

    private static async Task Export(HttpContext http, Caller caller, IndicatorExport export, IConfiguration configuration, string? format,
        CancellationToken cancellationToken)
    {
        if (!CordonJson.TryParse<ExportFormat>(format, out var chosen))
        {
            throw new InvalidInputException("format", $"must be one of: {CordonJson.Names<ExportFormat>()}.");
        }
        http.Response.ContentType = IndicatorExport.MediaType(chosen);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"cordon-export.{(chosen == ExportFormat.Csv ? "csv" : "json")}\"";
        await export.WriteAsync(caller, chosen, http.Response.Body, configuration["Cordon:Node:Name"] ?? "cordon", cancellationToken);
    }
}
