using System.Globalization;
using Cordon.Core.Cases;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Cases;

/// <summary>
/// The one rate table for every converted amount, in the server and the CLI alike: <see cref="RateTable.BuiltIn"/> unless
/// the node configures <c>Cordon:Cases:ReportingCurrency</c> and <c>Cordon:Cases:Rates:GBP = 1.17</c> (units of the
/// reporting currency per unit of GBP, one entry per currency), dated with <c>Cordon:Cases:RatesAsOf</c> (yyyy-MM-dd) and
/// described with <c>Cordon:Cases:RatesSource</c>.
/// </summary>
public static class CaseConfiguration
{
    public static RateTable Rates(IConfiguration configuration)
    {
        if (!configuration.GetSection("Cordon:Cases:Rates").Exists() && configuration["Cordon:Cases:ReportingCurrency"] is null)
        {
            return RateTable.BuiltIn;
        }
        DateOnly? asOf = configuration["Cordon:Cases:RatesAsOf"] is { } day
            ? DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
                : throw new InvalidOperationException($"Cordon:Cases:RatesAsOf must be a date such as 2026-12-01, not '{day}'.")
            : null;
        var rates = configuration.GetSection("Cordon:Cases:Rates").GetChildren().ToDictionary(
            rate => rate.Key,
            rate => decimal.TryParse(rate.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Cordon:Cases:Rates:{rate.Key} must be a decimal number, not '{rate.Value}'."));
        return new RateTable(configuration["Cordon:Cases:ReportingCurrency"] ?? "EUR", rates, asOf, configuration["Cordon:Cases:RatesSource"]);
    }
}
