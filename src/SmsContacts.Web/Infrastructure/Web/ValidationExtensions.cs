using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SmsContacts.Web.Infrastructure.Web;

public static class ValidationExtensions
{
    /// <summary>Runs the form's validator and copies its errors into ModelState, next to the fields they concern.</summary>
    public static async Task<bool> ValidateIntoAsync<T>(this IValidator<T> validator, T form, ModelStateDictionary modelState, CancellationToken ct = default)
    {
        var result = await validator.ValidateAsync(form, ct);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }

        return result.IsValid && modelState.IsValid;
    }

    /// <summary>Copies why ASP.NET Identity refused (a taken email, a password its rules refuse) into ModelState, above the form.</summary>
    /// <returns>Whether Identity succeeded.</returns>
    public static bool AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError("", error.Description);
        }

        return result.Succeeded;
    }
}
