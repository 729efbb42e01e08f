using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Cordon.Server.Http;

/// <summary>
/// Bounds every request body: <c>Cordon:Http:MaxRequestBodyBytes</c> by default, or the endpoint's own
/// <c>[RequestSizeLimit]</c> (bulk uploads). A declared length over the limit is refused before the body is read.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IConfiguration configuration)
{
    private readonly long defaultLimit = configuration.GetValue<long?>("Cordon:Http:MaxRequestBodyBytes") ?? 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        // An endpoint's own limit wins; null there means "no limit" (streamed batch screening).
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = declared is null ? defaultLimit : declared.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
