using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using CityMaturity.Domain.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityMaturity.Infrastructure.Database.Configurations;

/// <summary>
/// Maps <see cref="LevelAnswer"/> onto a nullable text column and reads NULL as "unanswered".
/// </summary>
/// <remarks>
/// EF Core never hands a NULL to the value converter of a non-nullable property, even a converter that converts
/// nulls, and <see cref="LevelAnswer"/> is a struct: it reads the column with a bare GetString, which throws
/// ("Column 'level_now' is null") for any rating or rating change with an unanswered view. This mapping wraps that
/// read in an IsDBNull check, so the converter sees null and returns <see cref="LevelAnswer.Unanswered"/>.
/// Filter on levels in memory: a SQL comparison with Unanswered is "= NULL", which matches nothing.
/// </remarks>
internal sealed class LevelAnswerTypeMapping : StringTypeMapping
{
    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private LevelAnswerTypeMapping()
        : base(new RelationalTypeMappingParameters(new CoreTypeMappingParameters(typeof(LevelAnswer), AssessmentConverters.Answer), "text", StoreTypePostfix.None, System.Data.DbType.String))
    {
    }

    private LevelAnswerTypeMapping(RelationalTypeMappingParameters parameters)
        : base(parameters)
    {
    }

    public static LevelAnswerTypeMapping Instance { get; } = new();

    /// <summary>Gives every <see cref="LevelAnswer"/> property of the model this mapping.</summary>
    public static void ApplyTo(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(LevelAnswer)))
        {
            property.SetTypeMapping(Instance);
        }
    }

    protected override RelationalTypeMapping Clone(RelationalTypeMappingParameters parameters) => new LevelAnswerTypeMapping(parameters);

    /// <summary>reader.GetString(i) becomes reader.IsDBNull(i) ? null : reader.GetString(i).</summary>
    public override Expression CustomizeDataReaderExpression(Expression expression) =>
        expression is MethodCallExpression { Object: { } reader, Arguments: [var index] }
            ? Expression.Condition(Expression.Call(reader, IsDbNull, index), Expression.Constant(null, typeof(string)), expression)
            : expression;
}
