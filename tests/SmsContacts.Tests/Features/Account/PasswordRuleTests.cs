using System.Net;
using Microsoft.AspNetCore.Identity;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Tests.Features.Account;

/// <summary>What a password may not be, wherever one is set (setup, Add user, Change password, reset link).</summary>
public sealed class PasswordRuleTests
{
    private static readonly CommonPasswordValidator Validator = new();

    [Fact]
    public void TheShippedList_HoldsTenThousandCommonPasswords_OfTenCharactersOrMore()
    {
        Assert.InRange(CommonPasswordValidator.CommonCount, 9_500, 10_000);
        foreach (var password in new[] { "1234567890", "password12", "aaaaaaaaaa", "qwertyuiop", "iloveyou12", "0987654321" })
        {
            Assert.True(CommonPasswordValidator.IsCommon(password), password);
        }
    }

    /// <summary>Every tenth password of the shipped list, in three spellings: all refused, with the reason.</summary>
    public static TheoryData<string> CommonSamples()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("SmsContacts.Web.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var data = new TheoryData<string>();
        for (var i = 0; i < lines.Length; i += 10)
        {
            data.Add(lines[i]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommonSamples))]
    public async Task ACommonPassword_IsRefused_InAnyCase(string password)
    {
        foreach (var spelling in new[] { password, password.ToUpperInvariant(), char.ToUpperInvariant(password[0]) + password[1..] })
        {
            var result = await Validator.ValidateAsync(null!, new AppUser { Email = "someone@example.com" }, spelling);
            Assert.Contains(result.Errors, e => e.Code == "CommonPassword");
        }
    }

    [Theory]
    [InlineData("ann.lee@example.com", "ann.lee@example.com")]
    [InlineData("ann.lee@example.com", "ANN.LEE@EXAMPLE.COM")]
    [InlineData("ann.lee@example.com", "my-ann.lee@example.com-pw")]
    [InlineData("ann.lee@example.com", "annlee2026!")]
    [InlineData("ann.lee@example.com", "Ann.Lee.1234")]
    [InlineData("ann.lee@example.com", "2026-ann-lee")]
    [InlineData("marketer@example.com", "marketer1234")]
    [InlineData("marketer@example.com", "marketerexamplecom")]
    public async Task AnEmailLikePassword_IsRefused(string email, string password)
    {
        var result = await Validator.ValidateAsync(null!, new AppUser { Email = email }, password);
        Assert.Contains(result.Errors, e => e.Code == "PasswordIsEmail");
    }

    [Theory]
    [InlineData("abababababab")]
    [InlineData("xyzxyzxyzxyz")]
    [InlineData("1212121212!!")]
    public async Task APasswordOfFewerThanFourDifferentCharacters_IsRefused(string password)
    {
        var result = await Validator.ValidateAsync(null!, new AppUser { Email = "someone@example.com" }, password);
        Assert.Contains(result.Errors, e => e.Code == "PasswordRepeats");
    }

    [Theory]
    [InlineData("ann.lee@example.com", "correct-horse-battery")]
    [InlineData("ann.lee@example.com", "annual leave in june")]
    [InlineData("mia@example.com", "mia-password-1")]
    [InlineData("marketer@example.com", "Tr0ub4dor&3-staple")]
    public async Task AnOrdinaryPassphrase_IsAccepted(string email, string password)
    {
        var result = await Validator.ValidateAsync(null!, new AppUser { Email = email }, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Theory]
    [InlineData("password12", "This password is one of the most common passwords.")]
    [InlineData("1234567890", "This password is one of the most common passwords.")]
    [InlineData("aaaaaaaaaa", "This password is one of the most common passwords.")]
    [InlineData("newbie@example.com", "The password must not be your email address or its name part.")]
    public async Task AddUser_RefusesTheIssuesExamples(string password, string message)
    {
        await using var app = new AppFactory();
        await app.Data.SenderCodeAsync();
        using var admin = await app.SignInAsync();
        var response = await admin.SubmitFormAsync("/admin/users/new", "main form", new()
        {
            ["DisplayName"] = "Newbie",
            ["Email"] = "newbie@example.com",
            ["Role"] = "Marketer",
            ["Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await TestClient.ReadAsync(response)).QuerySelector("[role=alert]")!.TextContent);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "newbie@example.com"))));
    }

    [Fact]
    public async Task FirstAdminSetup_RefusesTheEmailAsPassword()
    {
        await using var app = new AppFactory(createAdmin: false);
        using var client = app.CreateTestClient();
        var response = await client.SubmitFormAsync("/account/setup", "main form", new()
        {
            ["DisplayName"] = "Owner",
            ["Email"] = "owner@example.com",
            ["Password"] = "owner@example.com",
            ["ConfirmPassword"] = "owner@example.com",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The password must not be your email address", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IdentityRunsTheRule_WhereverAPasswordIsSet()
    {
        await using var app = new AppFactory();
        Assert.True(await app.WithServiceAsync<IEnumerable<IPasswordValidator<AppUser>>, bool>(validators => Task.FromResult(validators.Any(v => v is CommonPasswordValidator))));
    }
}
