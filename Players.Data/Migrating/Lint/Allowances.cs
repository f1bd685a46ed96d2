using System.Reflection;

namespace Players.Data.Migrating.Lint;

/// <summary>The <see cref="AllowLintAttribute"/>s on a migration class, applied to its findings.</summary>
internal static class Allowances
{
    public static IEnumerable<LintFinding> Apply(Type migration, IEnumerable<LintFinding> findings)
    {
        var allowances = migration.GetCustomAttributes<AllowLintAttribute>().ToList();
        foreach (var finding in findings)
        {
            var allowance = allowances
                .Where(allow => string.Equals(allow.Rule, finding.Rule, StringComparison.OrdinalIgnoreCase))
                .OrderBy(allow => string.IsNullOrWhiteSpace(allow.Reason))
                .FirstOrDefault();
            yield return allowance switch
            {
                null => finding,
                { Reason: var reason } when string.IsNullOrWhiteSpace(reason) => finding with
                {
                    Message = $"{finding.Message} (its [AllowLint(\"{finding.Rule}\")] gives no reason, so it allows nothing)",
                },
                _ => finding with { AllowedBecause = allowance.Reason.Trim() },
            };
        }
    }
}
