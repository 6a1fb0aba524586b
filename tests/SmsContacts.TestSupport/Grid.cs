using AngleSharp.Dom;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>
/// Reads the dashboard grid of a page the way a person reads it: header → cell text, row by row.
/// The row-selection checkboxes (class grid-select) are not data and are left out.
/// </summary>
public static class Grid
{
    private const string DataHeaders = "#grid table thead th:not(.grid-select)";
    private const string DataCells = "td:not(.grid-select)";

    public static IReadOnlyList<string> Headers(IDocument page) =>
        page.QuerySelectorAll(DataHeaders).Select(th => Clean(th.TextContent)).ToList();

    public static List<Dictionary<string, string>> Rows(IDocument page)
    {
        var headers = Headers(page);
        return page.QuerySelectorAll("#grid table tbody tr")
            .Select(tr => tr.QuerySelectorAll(DataCells).Select((td, i) => (headers[i], Clean(td.TextContent))).ToDictionary(x => x.Item1, x => x.Item2))
            .ToList();
    }

    public static List<string> Column(IDocument page, string header) => Rows(page).Select(r => r[header]).ToList();

    /// <summary>The Phone cell minus badges such as "Pending".</summary>
    public static List<string> Phones(IDocument page) =>
        page.QuerySelectorAll("#grid table tbody tr").Select(tr => Clean(string.Concat(tr.QuerySelector(DataCells)!.ChildNodes
            .Where(node => node is not IElement element || !element.ClassList.Contains("badge"))
            .Select(node => node.TextContent)))).ToList();

    /// <summary>The selection checkbox of the first row whose Phone cell starts with <paramref name="phone"/>.</summary>
    public static AngleSharp.Html.Dom.IHtmlInputElement Checkbox(IDocument page, string phone) =>
        page.QuerySelectorAll("#grid table tbody tr")
            .Where(tr => Clean(tr.QuerySelector(DataCells)!.TextContent).StartsWith(phone, StringComparison.Ordinal))
            .Select(tr => (AngleSharp.Html.Dom.IHtmlInputElement)tr.QuerySelector("td.grid-select input")!)
            .First();

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("▲", "").Replace("▼", "").Trim();
}
