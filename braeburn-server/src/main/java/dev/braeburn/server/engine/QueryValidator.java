package dev.braeburn.server.engine;

import dev.braeburn.server.jsonapi.ApiError;
import dev.braeburn.server.jsonapi.ApiException;
import dev.braeburn.server.jsonapi.Errors;
import dev.braeburn.server.jsonapi.Query;
import dev.braeburn.spec.Operation;
import dev.braeburn.spec.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks a request's query against the parameters the spec lists for its operation and turns it
 * into a {@link Query}. Apple validates per operation: {@code sort} on {@code
 * /v1/apps/{id}/builds} is {@code PARAMETER_ERROR.ILLEGAL} because that path takes only {@code
 * fields[builds]} and {@code limit}; an unknown {@code filter[…]} is {@code PARAMETER_ERROR.INVALID}
 * ("'emaill' is not a valid filter type"); a missing required filter is {@code
 * PARAMETER_ERROR.REQUIRED} (protocol.md §4.4, §5.1).
 */
public final class QueryValidator {
  /** Caps comma lists (e.g. {@code filter[id]}) so one request cannot ask for unbounded work. */
  static final int MAX_LIST_VALUES = 1000;

  public Query validate(Operation op, List<Map.Entry<String, String>> pairs, boolean paged) {
    List<ApiError> errors = new ArrayList<>();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> pair : pairs) {
      String name = pair.getKey();
      if (name.equals("cursor") && paged) {
        values.put(name, List.of(pair.getValue()));
        continue;
      }
      Parameter param = op.parameter(name);
      if (param == null) {
        errors.add(unknownParameter(op, name));
        continue;
      }
      List<String> parsed = parseValues(param, pair.getValue(), errors);
      if (parsed != null) {
        values.merge(name, parsed, (a, b) -> concat(a, b));
      }
    }
    for (Parameter required : op.requiredParameters()) {
      if (!values.containsKey(required.name())) {
        errors.add(Errors.parameterRequired(required.name()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(errors);
    }
    return toQuery(op, values);
  }

  private static ApiError unknownParameter(Operation op, String name) {
    boolean takesFilters = op.parameters().values().stream().anyMatch(p -> p.family().equals("filter"));
    if (name.startsWith("filter[") && name.endsWith("]") && takesFilters) {
      String key = name.substring(7, name.length() - 1);
      return Errors.parameterInvalid(name, "'" + key + "' is not a valid filter type");
    }
    return Errors.parameterIllegal(name);
  }

  private static List<String> parseValues(Parameter param, String raw, List<ApiError> errors) {
    List<String> items = param.isList() ? Arrays.asList(raw.split(",", -1)) : List.of(raw);
    if (items.size() > MAX_LIST_VALUES) {
      errors.add(
          Errors.parameterInvalid(
              param.name(), "The parameter '" + param.name() + "' has more than " + MAX_LIST_VALUES + " values"));
      return null;
    }
    for (String item : items) {
      String problem = problem(param, item);
      if (problem != null) {
        errors.add(Errors.parameterInvalid(param.name(), problem));
        return null;
      }
    }
    return items;
  }

  private static String problem(Parameter param, String value) {
    String name = param.name();
    if (value.isEmpty()) {
      return "The parameter '" + name + "' can not have an empty value";
    }
    List<String> allowed = param.allowedValues();
    if (allowed != null && !allowed.contains(value)) {
      return "'" + value + "' is not a valid value for '" + name + "'. Expected one of: " + String.join(", ", allowed);
    }
    return switch (param.valueType()) {
      case "integer" -> integerProblem(param, value);
      case "boolean" ->
          value.equals("true") || value.equals("false")
              ? null
              : "'" + value + "' is not a valid value for '" + name + "'. Expected true or false";
      default -> null;
    };
  }

  private static String integerProblem(Parameter param, String value) {
    BigDecimal max = param.schema().maximum();
    String range = "The value must be an integer between 1 and " + (max == null ? "2147483647" : max.toPlainString());
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      return "'" + value + "' is not a valid value for '" + param.name() + "'. " + range;
    }
    if (number < 1 || (max != null && BigDecimal.valueOf(number).compareTo(max) > 0) || number > Integer.MAX_VALUE) {
      return "'" + value + "' is not a valid value for '" + param.name() + "'. " + range;
    }
    return null;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Query toQuery(Operation op, Map<String, List<String>> values) {
    Map<String, java.util.Set<String>> fields = new LinkedHashMap<>();
    List<String> include = new ArrayList<>();
    Map<String, List<String>> filters = new LinkedHashMap<>();
    Map<String, Boolean> exists = new LinkedHashMap<>();
    List<Query.SortKey> sort = new ArrayList<>();
    Integer limit = null;
    Map<String, Integer> relationLimits = new LinkedHashMap<>();
    String cursor = null;
    Map<String, List<String>> other = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      String name = e.getKey();
      List<String> v = e.getValue();
      Parameter param = op.parameter(name);
      String family = param == null ? name : param.family();
      String key = param == null ? null : param.key();
      switch (family) {
        case "cursor" -> cursor = v.getFirst();
        case "fields" -> fields.put(key, new LinkedHashSet<>(v));
        case "include" -> v.stream().filter(i -> !include.contains(i)).forEach(include::add);
        case "filter" -> filters.put(key, List.copyOf(new LinkedHashSet<>(v)));
        case "exists" -> exists.put(key, Boolean.parseBoolean(v.getFirst()));
        case "sort" -> v.forEach(s -> sort.add(s.startsWith("-") ? new Query.SortKey(s.substring(1), true) : new Query.SortKey(s, false)));
        case "limit" -> {
          if (key == null) {
            limit = Integer.parseInt(v.getFirst());
          } else {
            relationLimits.put(key, Integer.parseInt(v.getFirst()));
          }
        }
        default -> other.put(name, v);
      }
    }
    return new Query(fields, include, filters, exists, sort, limit, relationLimits, cursor, other);
  }
}
