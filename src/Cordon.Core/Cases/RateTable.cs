namespace Cordon.Core.Cases;

/// <summary>
/// Converts amounts to one reporting currency for totals (configured, e.g. <c>Cordon:Cases:ReportingCurrency</c> and
/// <c>Cordon:Cases:Rates:GBP</c> = units of the reporting currency per unit). An amount in a currency without a rate is
/// not converted: totals count it apart instead of guessing.
/// </summary>
public sealed class RateTable
{
    private readonly Dictionary<string, decimal> rates;

    public RateTable(string reportingCurrency, IReadOnlyDictionary<string, decimal> rates)
    {
        ReportingCurrency = Currencies.Normalise(reportingCurrency, "reportingCurrency");
        this.rates = rates.ToDictionary(r => Currencies.Normalise(r.Key, "rates"), r => r.Value > 0 ? r.Value
            : throw new ArgumentOutOfRangeException(nameof(rates), $"the rate for {r.Key} must be positive"));
        this.rates[ReportingCurrency] = 1m;
    }

    public string ReportingCurrency { get; }

    public IReadOnlyDictionary<string, decimal> Rates => rates;

    /// <summary>The amount in the reporting currency, or null when there is no rate for its currency.</summary>
    public decimal? Convert(decimal amount, string currency) =>
        rates.TryGetValue(currency, out var rate) ? decimal.Round(amount * rate, 2) : null;
}
