namespace Cordon.Application.Indicators.Import;

/// <summary>Bulk import formats (docs/import.md describes each).</summary>
public enum ImportFormat
{
    /// <summary>CSV with a header row: type, value, categories, confidence, tlp, distribution, valid_until.</summary>
    Csv,
    /// <summary>One JSON object per line, as in the API's submit body.</summary>
    Jsonl,
    /// <summary>The <c>src/config.json</c> of the npm package eth-phishing-detect: its blacklist of crypto-scam domains.</summary>
    EthPhishingDetect,
    /// <summary>A plain list: one value per line, of the type the defaults give; blank lines and # comments skipped.</summary>
    List,
    /// <summary>A MISP event (<c>{"Event": {...}}</c>, as in a MISP feed): its to_ids attributes, those of its objects included.</summary>
    Misp,
}
