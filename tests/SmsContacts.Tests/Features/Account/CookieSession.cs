using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Features.Account;

/// <summary>
/// A browser session whose cookies the test can see and copy, as an attacker who stole them would: every
/// request sends the jar's cookies in a Cookie header, every answer's Set-Cookie updates the jar (a cookie
/// set to expire is removed). A copy sends the same cookies from then on, whatever the original does.
/// </summary>
public sealed class CookieSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies;

    private CookieSession(HttpClient http, Dictionary<string, string> cookies)
    {
        _http = http;
        _cookies = cookies;
    }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public static CookieSession Start(AppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), []);

    public static async Task<CookieSession> SignInAsync(AppFactory app, string email, string password)
    {
        var session = Start(app);
        var response = await session.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(session._cookies.ContainsKey("SmsContacts.Auth"), "No sign-in cookie was set.");
        return session;
    }

    /// <summary>Another client holding exactly this session's cookies, as they are now.</summary>
    public CookieSession Copy(AppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), new Dictionary<string, string>(_cookies));

    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request);
    }

    /// <summary>Reads the anti-forgery token from <paramref name="tokenPage"/> (which must answer 200) and posts the fields with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, string tokenPage, Dictionary<string, string> fields)
    {
        var token = await TokenFromAsync(tokenPage);
        return await PostWithTokenAsync(url, token, fields);
    }

    public async Task<string> TokenFromAsync(string page)
    {
        var response = await GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await TestClient.ReadAsync(response);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No anti-forgery token on {page}");
    }

    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, string token, Dictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
        return await SendAsync(request);
    }

    public static async Task<IDocument> PageAsync(HttpResponseMessage response) => await TestClient.ReadAsync(response);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
                if (expired)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();
}
