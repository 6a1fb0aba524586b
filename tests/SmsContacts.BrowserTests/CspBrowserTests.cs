using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.BrowserTests;

/// <summary>A sender code with a list, a contact in each tab, a running import and an admin and a marketer.</summary>
public sealed class CspBrowserFixture : BrowserFixture
{
    public int SenderCodeId { get; private set; }

    public int ListId { get; private set; }

    public long ContactId { get; private set; }

    public int FieldId { get; private set; }

    public Guid RunningImportId { get; private set; }

    public string MarketerId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var data = App.Data;
        var code = await data.SenderCodeAsync("55123");
        await data.UserAsync("marketer@example.com", UserRole.Marketer);
        SenderCodeId = code.Id;
        var list = await data.ListAsync(code.Id, "VIP", doubleOptIn: false, "JOIN");
        ListId = list.Id;
        var now = App.Clock.GetUtcNow().UtcDateTime;
        ContactId = (await data.SubscribedAsync(code.Id, TestPhones.Us(1), now, "ana@example.com", SubscriptionStatus.Active, list)).Id;
        await data.OptedOutAsync(code.Id, TestPhones.Us(2), OptOutReason.StopKeyword, now);
        await data.OtherAsync(code.Id, TestPhones.Us(3), "maybe", now);
        await App.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Favorite Store", Type = CustomFieldType.Text, CreatedUtc = now };
            db.CustomFields.Add(field);
            var import = new ImportRecord
            {
                Id = Guid.NewGuid(),
                SenderCodeId = code.Id,
                UserId = db.Users.Single(u => u.Email == AppFactory.AdminEmail).Id,
                UserName = AppFactory.AdminEmail,
                OriginalFileName = "contacts.csv",
                StoredFileName = "missing.upload",
                FileSize = 1000,
                CheckpointBytes = 420,
                CheckpointRow = 12,
                Settings = new ImportSettings { ListId = list.Id },
                ListName = list.Name,
                Status = ImportStatus.Running,
                CreatedUtc = now,
                StartedUtc = now,
            };
            db.Imports.Add(import);
            await db.SaveChangesAsync();
            FieldId = field.Id;
            RunningImportId = import.Id;
            MarketerId = db.Users.Single(u => u.Email == "marketer@example.com").Id;
        });
    }
}

/// <summary>
/// The Content-Security-Policy holds on every main page: each is opened in Chromium and must report no
/// violation (no inline script, no inline style, nothing from another origin), with its scripts working.
/// </summary>
public sealed class CspBrowserTests(CspBrowserFixture browser) : IClassFixture<CspBrowserFixture>
{
    public static TheoryData<string> AdminPages => new()
    {
        "/contacts",
        "/contacts?tab=opted-out",
        "/contacts?tab=other",
        "/contacts/{contact}",
        "/contacts/add",
        "/contacts/unsubscribe?contact={contact}&scope=all",
        "/contacts/ban?contact={contact}",
        "/imports",
        "/imports/new",
        "/imports/{import}",
        "/exports",
        "/exports/new",
        "/admin/sender-codes",
        "/admin/sender-codes/new",
        "/admin/sender-codes/{code}",
        "/admin/sender-codes/{code}/edit",
        "/admin/sender-codes/{code}/lists/new",
        "/admin/sender-codes/lists/{list}/edit",
        "/admin/custom-fields",
        "/admin/custom-fields/new",
        "/admin/custom-fields/{field}/rename",
        "/admin/custom-fields/{field}/delete",
        "/admin/users",
        "/admin/users/new",
        "/admin/users/{marketer}/edit",
        "/admin/inbound/simulate",
        "/account/password",
        "/no-such-page",
        "/jobs",
        "/jobs/jobs/succeeded",
        "/jobs/recurring",
        "/jobs/servers",
    };

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task APage_ReportsNoViolation(string template)
    {
        var page = await browser.SignedInPageAsync();
        var violations = Watch(page);
        var url = template
            .Replace("{contact}", browser.ContactId.ToString(), StringComparison.Ordinal)
            .Replace("{import}", browser.RunningImportId.ToString(), StringComparison.Ordinal)
            .Replace("{code}", browser.SenderCodeId.ToString(), StringComparison.Ordinal)
            .Replace("{list}", browser.ListId.ToString(), StringComparison.Ordinal)
            .Replace("{field}", browser.FieldId.ToString(), StringComparison.Ordinal)
            .Replace("{marketer}", browser.MarketerId, StringComparison.Ordinal);

        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSignInPage_AndTheSetupOfNothing_ReportNoViolation()
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = Watch(page);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync("nobody@example.com");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Email or password is incorrect");
        await page.GotoAsync("/account/reset-password?user=x&token=y");

        Assert.Empty(violations);
        await context.CloseAsync();
    }

    /// <summary>The scripts the policy allows still run: popup, auto-submitting filters, selection buttons, the progress bar's width.</summary>
    [Fact]
    public async Task TheAppsOwnScripts_StillWork_UnderThePolicy()
    {
        var page = await browser.SignedInPageAsync();
        var violations = Watch(page);

        // The Contact Details popup (htmx + Bootstrap modal) opens from the phone link.
        await page.GetByRole(AriaRole.Link, new() { Name = TestPhones.Us(1) }).ClickAsync();
        await Expect(page.Locator("#contact-modal")).ToBeVisibleAsync();
        await Expect(page.Locator("#contact-modal-body")).ToContainTextAsync("System Fields");
        await page.Locator("#contact-modal").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.Locator("#contact-modal")).ToBeHiddenAsync();

        // Selecting a row enables Edit (site.js).
        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).First;
        await Expect(edit).ToBeDisabledAsync();
        await page.GetByLabel($"Select {TestPhones.Us(1)} on VIP").CheckAsync();
        await Expect(edit).ToBeEnabledAsync();

        // The running import's bar is as wide as its percentage, set by script (no style attribute allowed).
        await page.GotoAsync($"/imports/{browser.RunningImportId}");
        var bar = page.Locator(".progress-bar");
        await Expect(bar).ToHaveTextAsync("42%");
        var width = await bar.EvaluateAsync<double>("b => b.getBoundingClientRect().width / b.parentElement.getBoundingClientRect().width");
        Assert.InRange(width, 0.40, 0.44);

        Assert.Empty(violations);
        await page.Context.CloseAsync();
    }

    private static List<string> Watch(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("CSP violation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }
}
