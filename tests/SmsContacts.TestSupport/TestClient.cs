using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a careful user's browser without script: it keeps cookies,
/// reads pages as HTML documents, and submits forms with the anti-forgery token the page carries.
/// </summary>
public sealed class TestClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(url);

    /// <summary>GETs a page that must answer 200 and returns it parsed.</summary>
    public async Task<IDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {Truncate(body)}");
        return await ParseAsync(body);
    }

    /// <summary>Follows redirects (like a browser) and returns the final page.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Page)> FollowAsync(HttpResponseMessage response)
    {
        var hops = 0;
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops++ < 5)
        {
            response = await Http.GetAsync(response.Headers.Location);
        }

        return (response, await ParseAsync(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, finds the form, fills the given fields over the form's own
    /// values (hidden inputs, checked boxes, selected options), and submits it to its action.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, string formSelector, Dictionary<string, string> fields, string? submitName = null)
    {
        var page = await GetPageAsync(pageUrl);
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        return await SubmitAsync(form, fields, pageUrl);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, Dictionary<string, string> fields, string pageUrl, bool htmx = false)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked && box.Name is { Length: > 0 } && !fields.ContainsKey(box.Name):
                    values.Add(new(box.Name, box.Value));
                    break;
                case IHtmlInputElement { Type: not ("checkbox" or "radio" or "submit" or "button" or "file") } input when input.Name is { Length: > 0 } && !fields.ContainsKey(input.Name):
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }

        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(values) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Submits a form of a page the app answered with (a step shown after a POST, or a popup panel); <paramref name="htmx"/> sends it as htmx would.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(IDocument page, string formSelector, Dictionary<string, string> fields, bool htmx = false)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page: {Truncate(page.Body?.TextContent ?? "")}");
        return await SubmitAsync(form, fields, "/", htmx);
    }

    /// <summary>GETs a URL as htmx does (the popup and the live grid): the app answers with a fragment.</summary>
    public async Task<HttpResponseMessage> GetHtmxAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        return await Http.SendAsync(request);
    }

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) => await ParseAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts straight to a URL with a valid anti-forgery token taken from <paramref name="tokenPage"/>.</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, Dictionary<string, string> fields, string tokenPage = "/contacts")
    {
        var page = await GetPageAsync(tokenPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No anti-forgery token on {tokenPage}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Http.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static async Task<IDocument> ParseAsync(string html) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;

    public void Dispose() => Http.Dispose();
}
