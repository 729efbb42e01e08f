using System.Security.Claims;
using Cordon.Application.Data;
using Cordon.Application.Indicators;
using Cordon.Core.Identifiers;
using Cordon.Core.Screening;
using Cordon.Server.Auth;
using Cordon.Server.Screening;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Cordon.Bench.Server;

/// <summary>
/// Comparison endpoints for the HTTP screening benchmark: the HTTP floor (a constant answer, same authentication) and the same check done per request as an indexed
/// PostgreSQL query through Npgsql, which is what a member would otherwise build.
/// </summary>
public static class BenchEndpoints
{
    private static readonly ScreenResponse Constant = new(IdentifierType.Phone, "+440000000000", Verdict.Clear, 0, [], 0, 0, 0, 0, null, null);

    public static void MapBenchEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/bench").RequireAuthorization(Policies.Read).ExcludeFromDescription();
        group.MapPost("/constant", (ScreenRequest _) => TypedResults.Ok(Constant));
        group.MapPost("/postgres", ScreenInPostgres);
    }

    /// <summary>Normalises like the real endpoint, then asks PostgreSQL (unique index on type and value) per request.</summary>
    private static async Task<Ok<ScreenResponse>> ScreenInPostgres(ScreenRequest request, ClaimsPrincipal user,
        IdentifierNormalisation normalisation, CordonDbFactory store, CancellationToken cancellationToken)
    {
        var identifier = IdentifierNormaliser.Normalise(request.Type!.Value, request.Value, normalisation.For(null));
        await using var connection = new NpgsqlConnection(store.Options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*), coalesce(max(i."Confidence"), 0)
            FROM observables o JOIN indicators i ON i."ObservableId" = o."Id"
            WHERE o."Type" = $1 AND o."Value" = $2 AND i."RevokedAt" IS NULL
              AND (i."Tlp" <> 'Red' AND i."Distribution" IN ('Node', 'Federation') OR i."OrganisationId" = $3)
            """, connection);
        command.Parameters.AddWithValue(identifier.Type.ToString());
        command.Parameters.AddWithValue(identifier.Value);
        command.Parameters.AddWithValue(user.ToActor().OrganisationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var reports = (int)reader.GetInt64(0);
        var score = VerdictRules.Score(reader.GetInt32(1), reports);
        return TypedResults.Ok(new ScreenResponse(identifier.Type, identifier.Display, VerdictRules.For(score, reports), score, [], reports,
            reports, 0, reader.GetInt32(1), null, null));
    }
}
