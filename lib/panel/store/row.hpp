#pragma once
// Private to store/: small helpers for binding and reading optional values.
#include "panel/core/date.hpp"
#include "panel/store/impl.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace panel::store {

inline void bind_optional(SQLite::Statement& s, int index, const std::optional<int>& value)
{
  if (value)
    s.bind(index, *value);
  else
    s.bind(index);
}

inline void bind_optional(SQLite::Statement& s, int index, const std::optional<std::int64_t>& value)
{
  if (value)
    s.bind(index, *value);
  else
    s.bind(index);
}

inline void bind_optional(SQLite::Statement& s, int index, const std::optional<bool>& value)
{
  if (value)
    s.bind(index, *value ? 1 : 0);
  else
    s.bind(index);
}

inline void bind_optional(SQLite::Statement& s, int index, const std::optional<core::Date>& value)
{
  if (value)
    s.bind(index, value->iso());
  else
    s.bind(index);
}

// Text that is NULL when empty (columns where '' and NULL differ, such as unique keys).
inline void bind_nullable(SQLite::Statement& s, int index, const std::string& value)
{
  if (value.empty())
    s.bind(index);
  else
    s.bind(index, value);
}

inline std::optional<int> optional_int(const SQLite::Column& c)
{
  return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

inline std::optional<bool> optional_bool(const SQLite::Column& c)
{
  return c.isNull() ? std::nullopt : std::optional<bool>(c.getInt() != 0);
}

// Dates are stored as ISO text written by panel, so they always parse.
inline core::Date date_of(const SQLite::Column& c) { return core::Date::parse(c.getString()).value_or(core::Date()); }

inline std::optional<core::Date> optional_date(const SQLite::Column& c)
{
  return c.isNull() ? std::nullopt : core::Date::parse(c.getString());
}

} // namespace panel::store
