using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>Creates the roles, and the first admin when Admin:Email / Admin:Password are configured.</summary>
public sealed class UserBootstrap(
    AppDbContext db,
    RoleManager<IdentityRole> roles,
    UserAccounts accounts,
    IOptions<AdminOptions> admin,
    ILogger<UserBootstrap> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Enum.GetNames<UserRole>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                // Another instance may create it at the same moment; losing that race is fine.
                var created = await roles.CreateAsync(new IdentityRole(role));
                if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {Describe(created)}");
                }
            }
        }

        var options = admin.Value;
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrWhiteSpace(options.Password))
        {
            return;
        }

        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var result = await accounts.CreateAsync(options.Email, "Administrator", options.Password, UserRole.Admin);
        if (!result.Succeeded && !await db.Users.AnyAsync(u => u.NormalizedEmail == options.Email.ToUpperInvariant(), cancellationToken))
        {
            throw new InvalidOperationException($"Admin:Email / Admin:Password could not create the first admin: {Describe(result)}");
        }

        logger.LogInformation("Created the first admin {Email} from configuration", options.Email);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}

/// <summary>Creating a user always means a user with a role: the setup page, the Users page and start-up share this.</summary>
public sealed class UserAccounts(UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<IdentityResult> CreateAsync(string email, string displayName, string password, UserRole role)
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName,
            EmailConfirmed = true,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        return result.Succeeded ? await users.AddToRoleAsync(user, role.ToString()) : result;
    }
}
