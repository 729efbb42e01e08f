namespace Cordon.Core.Cases;

/// <summary>
/// Converts amounts to one reporting currency for totals (configured, e.g. <c>Cordon:Cases:ReportingCurrency</c> and
/// <c>Cordon:Cases:Rates:GBP</c> = units of the reporting currency per unit). An amount in a currency without a rate is
/// not converted: totals count it apart instead of guessing.
/// </summary>
public sealed class RateTable
{
    private readonly Dictionary<string, decimal> rates;

    /// <summary>
    /// The table a node uses until its operator configures one: approximate euro reference rates of the day given, for
    /// figures and totals, not for accounting. Server and CLI use the same one.
    /// </summary>
    public static RateTable BuiltIn { get; } = new("EUR", new Dictionary<string, decimal>
    {
        ["USD"] = 0.92m,
        ["GBP"] = 1.17m,
        ["CNY"] = 0.13m,
        ["HKD"] = 0.118m,
        ["SGD"] = 0.69m,
        ["AUD"] = 0.60m,
        ["JPY"] = 0.0061m,
        ["CHF"] = 1.05m,
        ["INR"] = 0.011m,
        ["MYR"] = 0.20m,
        ["THB"] = 0.026m,
    }, new DateOnly(2026, 12, 1), "Cordon's built-in table: approximate euro reference rates");

    public RateTable(string reportingCurrency, IReadOnlyDictionary<string, decimal> rates, DateOnly? asOf = null, string? source = null)
    {
        AsOf = asOf;
        Source = source ?? "configured by the node's operator";
        ReportingCurrency = Currencies.Normalise(reportingCurrency, "reportingCurrency");
        this.rates = rates.ToDictionary(r => Currencies.Normalise(r.Key, "rates"), r => r.Value > 0 ? r.Value
            : throw new ArgumentOutOfRangeException(nameof(rates), $"the rate for {r.Key} must be positive"));
        this.rates[ReportingCurrency] = 1m;
    }

    public string ReportingCurrency { get; }

    /// <summary>The day the rates are of, when known.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>Where the rates come from, as figures state it.</summary>
    public string Source { get; }

    public IReadOnlyDictionary<string, decimal> Rates => rates;

    /// <summary>The amount in the reporting currency, or null when there is no rate for its currency.</summary>
    public decimal? Convert(decimal amount, string currency) =>
        rates.TryGetValue(currency, out var rate) ? decimal.Round(amount * rate, 2) : null;
}
