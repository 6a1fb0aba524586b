using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Tests.Features.Account;

/// <summary>
/// Sender codes per user: a Marketer of brand A gets 404 for every record of brand B on every route that takes an
/// id, and cannot work in B by switching or by naming B as a page's code. The routes come from the app's own
/// endpoints, so an action added later is tried without anyone remembering to add it here.
/// </summary>
public sealed partial class SenderCodeAccessTests : IAsyncLifetime
{
    private const string Marketer = "brand-a@example.com";
    private const string MarketerPassword = "brand-a-password-1";

    private readonly AppFactory _app = new();
    private SenderCode _a = null!;
    private SenderCode _b = null!;
    private long _contactA;
    private Dictionary<string, string> _idsOfB = null!;

    public async Task InitializeAsync()
    {
        _a = await _app.Data.SenderCodeAsync("55123");
        _b = await _app.Data.SenderCodeAsync("78900");
        await _app.Data.UserAsync(Marketer, UserRole.Marketer, MarketerPassword, [_a.Id]);
        var now = _app.Clock.GetUtcNow().UtcDateTime;

        var listA = await _app.Data.ListAsync(_a.Id, "A list");
        _contactA = (await _app.Data.SubscribedAsync(_a.Id, TestPhones.Us(1), now, lists: listA)).Id;

        var listB = await _app.Data.ListAsync(_b.Id, "B list");
        var contactB = await _app.Data.SubscribedAsync(_b.Id, TestPhones.Us(2), now, lists: listB);
        var adminId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == AppFactory.AdminEmail).Select(u => u.Id).SingleAsync());
        _idsOfB = await _app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = _b.Id, Name = "B field", Type = CustomFieldType.Text, CreatedUtc = now };
            var message = new Message { SenderCodeId = _b.Id, ContactId = contactB.Id, Phone = contactB.Phone, Direction = MessageDirection.Inbound, Body = "please stop", CreatedUtc = now };
            db.CustomFields.Add(field);
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            var review = new OptOutReview { SenderCodeId = _b.Id, MessageId = message.Id, Phone = contactB.Phone, ContactId = contactB.Id, Reason = "might mean stop", CreatedUtc = now };
            var import = new ImportRecord { Id = Guid.NewGuid(), SenderCodeId = _b.Id, UserId = adminId, UserName = AppFactory.AdminEmail, OriginalFileName = "b.csv", StoredFileName = "b.csv", Status = ImportStatus.Failed, Settings = new ImportSettings { ListId = listB.Id } };
            var export = new ExportRecord { Id = Guid.NewGuid(), SenderCodeId = _b.Id, Kind = ExportKind.Contacts, RequestedByUserId = adminId, RecipientUserId = adminId, RecipientEmail = AppFactory.AdminEmail, Status = ExportStatus.Failed, CreatedUtc = now };
            var layout = new SavedImportLayout { SenderCodeId = _b.Id, HeaderKey = "B", FileName = "b.csv", ImportId = import.Id, SavedBy = AppFactory.AdminEmail, SavedUtc = now };
            db.OptOutReviews.Add(review);
            db.Imports.Add(import);
            db.Exports.Add(export);
            db.SavedImportLayouts.Add(layout);
            await db.SaveChangesAsync();
            return new Dictionary<string, string>
            {
                ["contactId"] = contactB.Id.ToString(),
                ["importId"] = import.Id.ToString(),
                ["exportId"] = export.Id.ToString(),
                ["fieldId"] = field.Id.ToString(),
                ["listId"] = listB.Id.ToString(),
                ["senderCodeId"] = _b.Id.ToString(),
                ["id"] = review.Id.ToString(),
                ["language"] = "es",
                ["layoutId"] = layout.Id.ToString(),
            };
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MarketerOfA_Gets404_ForEveryIdOfB_OnEveryRouteWithAnId()
    {
        using var client = await _app.SignInAsync(Marketer, MarketerPassword);

        // The same client sees its own contact: the 404s below are about B, not a broken session.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/contacts/{_contactA}")).StatusCode);

        var failures = new List<string>();
        var tried = 0;
        foreach (var route in RoutesWithIds())
        {
            var url = "/" + RouteParameter().Replace(route.Template, m => _idsOfB.TryGetValue(m.Groups["name"].Value, out var id)
                ? id
                : throw new InvalidOperationException($"Route {route.Template} takes \"{m.Groups["name"].Value}\": say here which record of B it names."));
            var response = route.Method == "GET" ? await client.GetAsync(url) : await client.PostWithTokenAsync(url, []);
            var expected = route.AdminOnly ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            tried++;
            if (response.StatusCode != expected)
            {
                failures.Add($"{route.Method} {url}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }

        Assert.Empty(failures);
        Assert.True(tried >= 25, $"Only {tried} routes with ids were found; the endpoint list is not what it should be.");
    }

    [Fact]
    public async Task MarketerOfA_NamingBAsThePagesSenderCode_IsRefusedWithAMessage_OnEveryRouteThatWorksInASenderCode()
    {
        using var client = await _app.SignInAsync(Marketer, MarketerPassword);
        var failures = new List<string>();
        var tried = 0;
        foreach (var route in SenderCodeRoutes())
        {
            var path = "/" + RouteParameter().Replace(route.Template, m => m.Groups["name"].Value switch
            {
                "contactId" => _contactA.ToString(),
                "importId" or "exportId" => Guid.Empty.ToString(),
                "chart" => "subscribers",
                _ => "1",
            });
            // Forms carry the page's code in a field; an upload (read as a stream) in its address: both name B here.
            var field = SenderCodeScope.PageField;
            var response = route.Method == "GET"
                ? await client.GetAsync($"{path}?{field}={_b.Id}")
                : await client.PostWithTokenAsync($"{path}?{field}={_b.Id}", new() { [field] = _b.Id.ToString() });
            tried++;
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound || !body.Contains("Sender code not available", StringComparison.Ordinal))
            {
                failures.Add($"{route.Method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
        Assert.True(tried >= 30, $"Only {tried} routes work in a sender code.");
    }

    [Fact]
    public async Task MarketerOfA_CannotSwitchToB_AndOnlySeesA()
    {
        using var client = await _app.SignInAsync(Marketer, MarketerPassword);
        var switched = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = _b.Id.ToString(), ["returnUrl"] = "/contacts" });
        Assert.Equal(HttpStatusCode.NotFound, switched.StatusCode);

        var page = await client.GetPageAsync("/contacts");
        var options = page.QuerySelectorAll("#sender-code option").Select(o => o.TextContent).ToList();
        Assert.Equal([$"55123 – Code 55123"], options);
        Assert.DoesNotContain("78900", page.QuerySelector("main")!.TextContent);
        Assert.Null(await _app.WithDbAsync(db => db.Users.Where(u => u.Email == Marketer).Select(u => u.SelectedSenderCodeId).SingleAsync()));
    }

    [Theory]
    [InlineData("/contacts")]
    [InlineData("/contacts/add")]
    [InlineData("/contacts/needs-review")]
    [InlineData("/imports")]
    [InlineData("/imports/new")]
    [InlineData("/exports")]
    public async Task MarketerWithNoSenderCode_SeesWhatToDo_NotAnErrorPage(string url)
    {
        await _app.Data.UserAsync("nobody@example.com", UserRole.Marketer, "nobody-password-1", []);
        using var client = await _app.SignInAsync("nobody@example.com", "nobody-password-1");

        var response = await client.GetAsync(url);
        var page = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No sender code is assigned to you yet", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("#sender-code"));
    }

    [Fact]
    public async Task AdminAssignsSenderCodes_OnTheUsersPage_AndTheMarketerSeesExactlyThose()
    {
        using var admin = await _app.SignInAsync();
        var marketerId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == Marketer).Select(u => u.Id).SingleAsync());
        var edit = await admin.GetPageAsync($"/admin/users/{marketerId}/edit");
        Assert.True(edit.QuerySelector($"input[name=SenderCodeIds][value='{_a.Id}']")!.HasAttribute("checked"));
        Assert.False(edit.QuerySelector($"input[name=SenderCodeIds][value='{_b.Id}']")!.HasAttribute("checked"));
        Assert.Equal("78900 – Code 78900", edit.QuerySelector($"label[for=sender-code-{_b.Id}]")!.TextContent);

        var saved = await admin.PostWithTokenAsync($"/admin/users/{marketerId}/edit", new()
        {
            ["DisplayName"] = "Brand B now",
            ["Role"] = nameof(UserRole.Marketer),
            ["SenderCodeIds"] = _b.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var marketer = await _app.SignInAsync(Marketer, MarketerPassword);
        var page = await marketer.GetPageAsync("/contacts");
        Assert.Equal(["78900 – Code 78900"], page.QuerySelectorAll("#sender-code option").Select(o => o.TextContent).ToList());
        Assert.Equal(HttpStatusCode.NotFound, (await marketer.GetAsync($"/contacts/{_contactA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marketer.GetAsync($"/contacts/{_idsOfB["contactId"]}")).StatusCode);
    }

    [Fact]
    public async Task AccessTakenAway_RefusesTheExportsDownloadLink_AndFailsAQueuedExportsJob()
    {
        var marketerId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == Marketer).Select(u => u.Id).SingleAsync());
        var (token, hash) = SmsContacts.Web.Features.Export.ExportLinks.NewToken();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var file = Path.Combine(_app.DataDirectory, "exports", "ready.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "Phone\n");
        var ready = new ExportRecord { Id = Guid.NewGuid(), SenderCodeId = _a.Id, Kind = ExportKind.Contacts, RequestedByUserId = marketerId, RecipientUserId = marketerId, RecipientEmail = Marketer, Status = ExportStatus.Completed, CreatedUtc = now, TokenHash = hash, StoredFileName = "ready.csv", ExpiresUtc = now.AddDays(3) };
        var queued = new ExportRecord { Id = Guid.NewGuid(), SenderCodeId = _a.Id, Kind = ExportKind.Contacts, RequestedByUserId = marketerId, RecipientUserId = marketerId, RecipientEmail = Marketer, Status = ExportStatus.Queued, CreatedUtc = now };
        await _app.WithDbAsync(async db =>
        {
            db.Exports.AddRange(ready, queued);
            await db.SaveChangesAsync();
        });

        using var client = await _app.SignInAsync(Marketer, MarketerPassword);
        var link = $"/exports/download?token={Uri.EscapeDataString(token)}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);

        await _app.WithServiceAsync<SenderCodeAccess, int>(async access =>
        {
            await access.AssignAsync(marketerId, [], CancellationToken.None);
            return 0;
        });

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(link)).StatusCode);
        await _app.WithServiceAsync<SmsContacts.Web.Features.Export.ExportContactsJob, int>(async job =>
        {
            await job.RunAsync(queued.Id, CancellationToken.None);
            return 0;
        });
        var after = await _app.WithDbAsync(db => db.Exports.AsNoTracking().SingleAsync(e => e.Id == queued.Id));
        Assert.Equal(ExportStatus.Failed, after.Status);
        Assert.Contains("may no longer use this sender code", after.Error);
    }

    [GeneratedRegex(@"\{(\*\*)?(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>Route parameters that name no record (so no record of B): a chart of the list dashboard.</summary>
    private static readonly HashSet<string> NotRecordIds = ["chart"];

    private IEnumerable<(string Template, string Method, bool AdminOnly)> RoutesWithIds() =>
        ControllerRoutes().Where(r => RouteParameter().Matches(r.Template).Any(m => !NotRecordIds.Contains(m.Groups["name"].Value)));

    private IEnumerable<(string Template, string Method, bool AdminOnly)> SenderCodeRoutes() =>
        ControllerRoutes(senderCodeOnly: true).Where(r => !r.AdminOnly);

    private IEnumerable<(string Template, string Method, bool AdminOnly)> ControllerRoutes(bool senderCodeOnly = false)
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } action
                || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || (senderCodeOnly && !action.Parameters.Any(p => p.ParameterType == typeof(SenderCodeOption))))
            {
                continue;
            }

            var adminOnly = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Admin);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (endpoint.RoutePattern.RawText!.TrimStart('/'), method, adminOnly);
            }
        }
    }
}
