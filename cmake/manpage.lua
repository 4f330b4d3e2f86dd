-- Turns a page of docs/cli/ into a man page: the page's title becomes the NAME section (from
-- the metadata `manname` and `mandesc`), the other headings move up a level (## -> .SH,
-- ### -> .SS), and links become text a terminal can use: another command's page becomes
-- "panel-triage(1)", another document its installed path under `docdir`.

local function man_reference(target)
  local page = target:match("^([%w-]+)%.md")
  if not page then
    return nil
  end
  if page == "panel" then
    return "panel(1)"
  end
  return "panel-" .. page .. "(1)"
end

function Link(link)
  local target = link.target
  local text = pandoc.utils.stringify(link.content)
  if target:match("^#") then
    return link.content
  end
  if target:match("^%a+:") then
    return nil -- a web address: the man writer prints it after the text
  end
  local path = target:gsub("#.*$", "")
  local reference = nil
  if not path:match("/") then
    reference = man_reference(path)
  end
  if not reference then
    -- docs/cli/x.md links "../formats/referral.md"; installed, that is DOCDIR/formats/referral.md.
    local relative = path:match("^%.%./(.*)$") or ("cli/" .. path)
    reference = DOCDIR .. "/" .. relative
  end
  if text == path or text == target or text:match("%.md$") then
    return pandoc.Str(reference)
  end
  if path:match("^[%w-]+%.md$") then
    return link.content -- "`panel triage`" says enough
  end
  local inlines = link.content
  inlines:insert(pandoc.Space())
  inlines:insert(pandoc.Str("(" .. reference .. ")"))
  return inlines
end

DOCDIR = "/usr/share/doc/panel"

function Meta(meta)
  if meta.docdir then
    DOCDIR = pandoc.utils.stringify(meta.docdir)
  end
end

local function is_section(block, name)
  return block.t == "Header" and block.level == 2 and pandoc.utils.stringify(block.content) == name
end

function Pandoc(doc)
  local name = pandoc.utils.stringify(doc.meta.manname or "panel")
  local description = pandoc.utils.stringify(doc.meta.mandesc or "")
  local blocks = pandoc.List()
  blocks:insert(pandoc.Header(1, "NAME"))
  blocks:insert(pandoc.Para({ pandoc.Str(name), pandoc.Space(), pandoc.Str("-"), pandoc.Space(),
                              pandoc.Str(description) }))

  -- Some pages open with a paragraph and the usage block, without headings: in a man page
  -- the usage is the SYNOPSIS and the paragraph the start of the DESCRIPTION.
  local has_synopsis = false
  for _, block in ipairs(doc.blocks) do
    if is_section(block, "Synopsis") then
      has_synopsis = true
    end
  end
  local body = pandoc.List()
  local preamble = pandoc.List()
  local in_preamble = true
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" and block.level == 1 then
      -- the page title: replaced by NAME
    elseif block.t == "Header" and block.level == 2 then
      in_preamble = false
      -- Section names in capitals, as man pages have them.
      body:insert(pandoc.Header(1, pandoc.utils.stringify(block.content):upper()))
    elseif block.t == "Header" then
      block.level = block.level - 1
      body:insert(block)
    elseif in_preamble and not has_synopsis then
      preamble:insert(block)
    else
      body:insert(block)
    end
  end
  if not has_synopsis then
    local synopsis = nil
    for i, block in ipairs(preamble) do
      if block.t == "CodeBlock" and not synopsis then
        synopsis = block
        preamble:remove(i)
        break
      end
    end
    if synopsis then
      blocks:insert(pandoc.Header(1, "SYNOPSIS"))
      blocks:insert(synopsis)
    end
    if #preamble > 0 then
      blocks:insert(pandoc.Header(1, "DESCRIPTION"))
      blocks:extend(preamble)
    end
  end
  blocks:extend(body)
  return pandoc.Pandoc(blocks, doc.meta)
end

-- Meta first, so that links know DOCDIR.
return { { Meta = Meta }, { Link = Link, Pandoc = Pandoc } }
