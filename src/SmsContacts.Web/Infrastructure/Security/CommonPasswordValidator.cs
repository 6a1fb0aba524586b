using Microsoft.AspNetCore.Identity;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// What a new password must not be, beyond Identity's length rule (10 characters, no composition rules:
/// NIST SP 800-63B 5.1.1.2): one of the 10,000 most common passwords (common-passwords.txt, compared
/// without case), the user's email or the part before the @ (with or without case, digits and punctuation
/// around it), or nearly one character repeated (fewer than four different characters). Runs wherever
/// Identity sets a password: setup, Users > Add user, Change password, and the reset link.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static int CommonCount => Common.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "CommonPassword", Description = "This password is one of the most common passwords. Choose one that is harder to guess." });
        }

        if (IsEmailLike(password, user.Email ?? user.UserName))
        {
            errors.Add(new IdentityError { Code = "PasswordIsEmail", Description = "The password must not be your email address or its name part." });
        }

        if (password.Distinct().Count() < 4)
        {
            errors.Add(new IdentityError { Code = "PasswordRepeats", Description = "Use at least four different characters." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    /// <summary>
    /// The email, or the part before the @, once case, digits and punctuation are set aside:
    /// <c>Ann.Lee@example.com</c>, <c>annlee2024</c> and <c>ANN.LEE!!</c> all match the email ann.lee@example.com.
    /// </summary>
    public static bool IsEmailLike(string password, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var letters = LettersOnly(password);
        var local = email.Split('@')[0];
        return password.Trim().Equals(email.Trim(), StringComparison.OrdinalIgnoreCase)
            || password.Contains(email.Trim(), StringComparison.OrdinalIgnoreCase)
            || (letters.Length > 0 && (letters == LettersOnly(email) || letters == LettersOnly(local)));
    }

    private static string LettersOnly(string text) => new(text.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("SmsContacts.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords.txt resource is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line.ToLowerInvariant());
            }
        }

        return set;
    }
}
