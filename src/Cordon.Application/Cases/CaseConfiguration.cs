using System.Globalization;
using Cordon.Core.Cases;
using Microsoft.Extensions.Configuration;

namespace Cordon.Application.Cases;

/// <summary>
/// The rate table for loss totals: <c>Cordon:Cases:ReportingCurrency</c> (default EUR) and
/// <c>Cordon:Cases:Rates:GBP = 1.17</c> (units of the reporting currency per unit of GBP), one entry per currency.
/// </summary>
public static class CaseConfiguration
{
    public static RateTable Rates(IConfiguration configuration)
    {
        var rates = configuration.GetSection("Cordon:Cases:Rates").GetChildren().ToDictionary(
            rate => rate.Key,
            rate => decimal.TryParse(rate.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"Cordon:Cases:Rates:{rate.Key} must be a decimal number, not '{rate.Value}'."));
        return new RateTable(configuration["Cordon:Cases:ReportingCurrency"] ?? "EUR", rates);
    }
}
