using System.Diagnostics;

namespace Cordon.Server.Http;

public static class ProblemDetailsDefaults
{
    /// <summary>Every problem carries a trace id so that a caller can quote it to the node's operator.</summary>
    public static void AddTraceId(ProblemDetailsContext context)
    {
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
    }
}
