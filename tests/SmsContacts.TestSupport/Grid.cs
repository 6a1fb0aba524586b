using AngleSharp.Dom;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>Reads the dashboard grid of a page the way a person reads it: header → cell text, row by row.</summary>
public static class Grid
{
    public static IReadOnlyList<string> Headers(IDocument page) =>
        page.QuerySelectorAll("#grid table thead th").Select(th => Clean(th.TextContent)).ToList();

    public static List<Dictionary<string, string>> Rows(IDocument page)
    {
        var headers = Headers(page);
        return page.QuerySelectorAll("#grid table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select((td, i) => (headers[i], Clean(td.TextContent))).ToDictionary(x => x.Item1, x => x.Item2))
            .ToList();
    }

    public static List<string> Column(IDocument page, string header) => Rows(page).Select(r => r[header]).ToList();

    /// <summary>The Phone cell minus badges such as "Pending".</summary>
    public static List<string> Phones(IDocument page) =>
        page.QuerySelectorAll("#grid table tbody tr td:first-child").Select(td => Clean(td.ChildNodes.First().TextContent)).ToList();

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("▲", "").Replace("▼", "").Trim();
}
