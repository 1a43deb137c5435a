"""Finishing the tag tree WeasyPrint writes, so that a screen reader reads the PDF as the page.

- An element across a page break is tagged as one element per page: a list that starts on page 2
  and ends on page 3 becomes two lists, and a screen reader announces "list, 4 items" then
  "list, 2 items" (Kozea/WeasyPrint#2903, open). PDF lets one structure element own content on
  several pages: from the layout, `continued_depths` tells how many levels continue across each
  page break (boxes at the top of a page whose element had boxes on the page before), and
  `join_fragments` merges them level by level.
- A list item's text sits directly in its /LI; PDF wants it in an /LBody beside the /Lbl.
- The page margins ("page 2 of 5") are marked content no structure element holds; PDF/UA wants
  them marked as artifacts, which screen readers skip.
- No element gets its own language: where a page shows a lagging translation's English text, the
  part in the page's language (the notice and the facts) gets its /Lang here.
The parent tree, which maps marked content back to its element, is rebuilt after the changes.
"""

from __future__ import annotations

import pikepdf
from weasyprint.formatting_structure import boxes

from .errors import RenderError

# Boxes the tag tree skips, going down to their children (weasyprint/pdf/tags.py).
SKIPPED_TAGS = {"html", "body"}


def page_elements(box) -> set[int]:
    """The HTML elements that have a box on a page (as ids: lxml elements are not hashable by value)."""
    found: set[int] = set()
    pending = [box]
    while pending:
        box = pending.pop()
        if box.element is not None:
            found.add(id(box.element))
        if isinstance(box, boxes.ParentBox):
            pending.extend(box.children)
    return found


def first_flow_box(page_box):
    """The first box of the page's content that gets a structure element."""
    box = next((child for child in page_box.children if not isinstance(child, boxes.MarginBox)), None)
    while box is not None and box.element_tag in SKIPPED_TAGS and isinstance(box, boxes.ParentBox):
        box = box.children[0] if box.children else None
    return box


def continued_depth(page_box, elements_before: set[int]) -> int:
    """How many nested boxes at the top of a page continue an element of the page before. It stops
    at text (lines are never joined), at list markers and at a list nested in a list item, which
    the tag tree puts beside the item rather than inside it."""
    depth, box, above = 0, first_flow_box(page_box), None
    while isinstance(box, boxes.ParentBox) and not isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        if box.element is None or id(box.element) not in elements_before or "::" in (box.element_tag or ""):
            break
        if box.element_tag in ("ul", "ol") and above == "li":
            break
        depth += 1
        if not box.children:
            break
        box, above = box.children[0], box.element_tag
    return depth


def continued_depths(document) -> list[int]:
    """For each page after the first, the depth `continued_depth` finds at its top."""
    depths, before = [], None
    for page in document.pages:
        if before is not None:
            depths.append(continued_depth(page._page_box, before))
        before = page_elements(page._page_box)
    return depths


def kids(element: pikepdf.Dictionary) -> list:
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def is_element(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR") and "/S" in kid


def move_kids(source: pikepdf.Dictionary, target: pikepdf.Dictionary) -> None:
    """Gives target the kids of source, after its own. Marked content keeps its page: a bare MCID
    refers to its element's page, so one from another page becomes a marked-content reference."""
    moved = []
    for kid in kids(source):
        if isinstance(kid, int) and source.Pg.objgen != target.Pg.objgen:
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=source.Pg, MCID=kid)
        elif isinstance(kid, pikepdf.Dictionary) and is_element(kid):
            kid.P = target
        moved.append(kid)
    target.K = pikepdf.Array(kids(target) + moved)


def remove_kid(parent: pikepdf.Dictionary, kid: pikepdf.Dictionary) -> None:
    parent.K = pikepdf.Array([k for k in kids(parent) if not (is_element(k) and k.objgen == kid.objgen)])


def join_fragments(pdf: pikepdf.Pdf, depths: list[int]) -> None:
    """Merges the fragments `continued_depths` found."""
    document = kids(pdf.Root.StructTreeRoot)[0]
    pages = [page.obj.objgen for page in pdf.pages]
    for number, depth in enumerate(depths, start=1):
        top = [kid for kid in kids(document) if is_element(kid)]
        # the first element of the page, and the one before it (which may begin pages earlier)
        at = next((i for i, kid in enumerate(top) if kid.Pg.objgen == pages[number]), 0)
        if depth == 0 or at == 0:
            continue
        parent, first, second = document, top[at - 1], top[at]
        for _ in range(depth):
            if first.S != second.S:
                break
            last_of_first = next((k for k in reversed(kids(first)) if is_element(k)), None)
            first_of_second = next((k for k in kids(second) if is_element(k)), None)
            move_kids(second, first)
            remove_kid(parent, second)
            if last_of_first is None or first_of_second is None:
                break
            parent, first, second = first, last_of_first, first_of_second


def rebuild_parent_tree(pdf: pikepdf.Pdf) -> None:
    """The parent tree maps each page's marked content and each annotation to its element."""
    root = pdf.Root.StructTreeRoot
    by_page: dict[tuple[int, int], dict[int, pikepdf.Dictionary]] = {}
    by_annotation: dict[tuple[int, int], pikepdf.Dictionary] = {}
    pending = [kids(root)[0]]
    while pending:
        element = pending.pop()
        for kid in kids(element):
            if isinstance(kid, int):
                by_page.setdefault(element.Pg.objgen, {})[int(kid)] = element
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    by_page.setdefault(kid.Pg.objgen, {})[int(kid.MCID)] = element
                elif kid.get("/Type") == "/OBJR":
                    by_annotation[kid.Obj.objgen] = element
                elif is_element(kid):
                    pending.append(kid)
    by_structure_parent = {int(pdf.get_object(objgen).StructParent): element
                           for objgen, element in by_annotation.items()}
    nums = list(root.ParentTree.Nums)
    rebuilt = []
    for key, value in zip(nums[0::2], nums[1::2]):
        if isinstance(value, pikepdf.Array):  # a page: its marked content, by MCID
            page = next(p.obj for p in pdf.pages if int(p.obj.get("/StructParents", -1)) == int(key))
            held = by_page.get(page.objgen, {})
            value = pikepdf.Array([held.get(mcid, old) for mcid, old in enumerate(value)])
        else:  # an annotation
            value = by_structure_parent.get(int(key), value)
        rebuilt += [key, value]
    root.ParentTree.Nums = pikepdf.Array(rebuilt)


def list_bodies(pdf: pikepdf.Pdf) -> None:
    """Each /LI holds its /Lbl and one /LBody with the rest."""
    pending = [kids(pdf.Root.StructTreeRoot)[0]]
    while pending:
        element = pending.pop()
        if element.get("/S") == "/LI":
            inner = kids(element)
            rest = [k for k in inner if not (is_element(k) and k.S in ("/Lbl", "/LBody"))]
            if rest:
                body = pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=element, Pg=element.Pg,
                    K=pikepdf.Array(rest)))
                for kid in rest:
                    if is_element(kid):
                        kid.P = body
                kept = [k for k in inner if is_element(k) and k.S in ("/Lbl", "/LBody")]
                element.K = pikepdf.Array(kept + [body])
        pending.extend(k for k in kids(element) if is_element(k))


def tagged_content(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    """(page, MCID) of every piece of marked content that the structure tree holds."""
    held: set[tuple[tuple[int, int], int]] = set()
    pending = [(pdf.Root.StructTreeRoot, None)]
    while pending:
        element, page = pending.pop()
        page = element.get("/Pg", page)
        for kid in kids(element):
            if isinstance(kid, int):
                held.add((page.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") == "/MCR":
                    held.add((kid.get("/Pg", page).objgen, int(kid.MCID)))
                elif kid.get("/Type") != "/OBJR":
                    pending.append((kid, page))
    return held


def margins_as_artifacts(pdf: pikepdf.Pdf) -> None:
    """Marked content outside the structure tree (the page margins) becomes an artifact."""
    held = tagged_content(pdf)
    for page in pdf.pages:
        changed, operations = False, []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1] and (page.objgen, int(operands[1].MCID)) not in held:
                operations.append(([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
                changed = True
            else:
                operations.append((operands, operator))
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))


def mark_facts_language(pdf: pikepdf.Pdf, language: str) -> None:
    """The print page is [H1, facts <div>, text...]; the facts are in the page's language."""
    document = kids(pdf.Root.StructTreeRoot)[0]
    top = [kid for kid in kids(document) if isinstance(kid, pikepdf.Dictionary)]
    if len(top) < 2 or top[0].get("/S") != "/H1" or top[1].get("/S") != "/Div":
        raise RenderError("the print page does not start with its H1 and the facts' <div>")
    top[1].Lang = pikepdf.String(language)


def finish_tag_tree(pdf: pikepdf.Pdf, depths: list[int], facts_language: str | None) -> None:
    """Everything above, in order; `facts_language` only where the page's language is not the text's."""
    join_fragments(pdf, depths)
    list_bodies(pdf)
    rebuild_parent_tree(pdf)
    margins_as_artifacts(pdf)
    if facts_language:
        mark_facts_language(pdf, facts_language)
