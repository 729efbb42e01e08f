namespace Cordon.Server.WebConsole;

/// <summary>
/// The console's strings: the English text is the key, and <c>Text.zh-Hans.resx</c> holds the Simplified Chinese
/// translation of each (a test checks that every key used in a page has one).
/// </summary>
public sealed class Text;
