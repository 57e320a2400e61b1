<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer of every output (HTML, reading text, diplomatic text, site summaries): what the TEI
     means, independent of how it is shown: dates, register entries, the brackets convention (what each
     of the transcriber's marks is), who made a correction, and the two plain-text renderings of the text
     (reading strings, and the diplomatic line-for-line text). The header's metadata as variables is in
     metadata.xsl (imported by the outputs that show it): libxslt evaluates every global variable on every
     run, so the diplomatic text, which needs none, does not pay for them. Apparatus numbering is in
     html.xsl, the only output that numbers. XSLT 1.0 + exsl:node-set, run by libxslt (lxml).
     A project overrides any template here from its own stylesheet (docs/RENDERING.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:te="urn:x-tei-edition"
    exclude-result-prefixes="tei exsl te">

  <!-- ===== Parameters shared by the outputs ===== -->

  <!-- Relative path from the page to the site's root ('../' for a document page of a site); empty when a
       document is rendered on its own: names then link to the page's own register section. -->
  <xsl:param name="site-root" select="''"/>
  <!-- Title of the whole edition (the TEI does not carry it). -->
  <xsl:param name="edition-title" select="''"/>

  <!-- ===== Keys ===== -->

  <xsl:key name="entity" match="tei:person[@xml:id] | tei:place[@xml:id] | tei:org[@xml:id]" use="@xml:id"/>

  <!-- ===== Dates ===== -->

  <!-- Month names padded to 9 characters, so the n-th name starts at (n - 1) * 9 + 1. -->
  <xsl:variable name="month-names"
      select="'January  February March    April    May      June     July     August   SeptemberOctober  November December '"/>

  <!-- An ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD) in words: "5 June 1951", "June 1951", "1951".
       Anything else is shown as it is. Override for another language. -->
  <xsl:template name="format-date">
    <xsl:param name="when"/>
    <xsl:variable name="m" select="number(substring($when, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($when, 9, 2))"/>
    <xsl:variable name="month" select="normalize-space(substring($month-names, ($m - 1) * 9 + 1, 9))"/>
    <xsl:choose>
      <xsl:when test="string-length($when) = 10 and $m &gt;= 1 and $m &lt;= 12 and $d &gt;= 1 and $d &lt;= 31">
        <xsl:value-of select="concat($d, ' ', $month, ' ', substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:when test="string-length($when) = 7 and $m &gt;= 1 and $m &lt;= 12">
        <xsl:value-of select="concat($month, ' ', substring($when, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$when"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ===== Register entries ===== -->

  <!-- The register id an @ref points at ("#stalin" -> "stalin"), or '' if it is not a local pointer. -->
  <xsl:template name="ref-id">
    <xsl:param name="ref" select="@ref"/>
    <xsl:variable name="r" select="normalize-space($ref)"/>
    <xsl:if test="starts-with($r, '#')">
      <xsl:value-of select="substring-before(concat(substring($r, 2), ' '), ' ')"/>
    </xsl:if>
  </xsl:template>

  <!-- Index page of an entry's kind, relative to the site root. -->
  <xsl:template name="entity-page">
    <xsl:param name="entity"/>
    <xsl:choose>
      <xsl:when test="$entity/self::tei:person">persons.html</xsl:when>
      <xsl:when test="$entity/self::tei:place">places.html</xsl:when>
      <xsl:otherwise>organisations.html</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Main name of a register entry. -->
  <xsl:template name="entity-name">
    <xsl:param name="entity" select="."/>
    <xsl:variable name="main" select="$entity/*[self::tei:persName or self::tei:placeName or self::tei:orgName][@type = 'main'][1]"/>
    <xsl:choose>
      <xsl:when test="$main"><xsl:value-of select="normalize-space($main)"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($entity/*[self::tei:persName or self::tei:placeName or self::tei:orgName][1])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Label of an authority identifier (idno/@type). -->
  <xsl:template name="authority-label">
    <xsl:param name="type" select="@type"/>
    <xsl:choose>
      <xsl:when test="$type = 'wikidata'">Wikidata</xsl:when>
      <xsl:when test="$type = 'viaf' or $type = 'VIAF'">VIAF</xsl:when>
      <xsl:when test="$type = 'gnd' or $type = 'GND'">GND</xsl:when>
      <xsl:when test="$type = 'geonames'">GeoNames</xsl:when>
      <xsl:when test="$type = 'lc' or $type = 'loc'">Library of Congress</xsl:when>
      <xsl:when test="$type = 'isni'">ISNI</xsl:when>
      <xsl:when test="$type = 'orcid'">ORCID</xsl:when>
      <xsl:when test="normalize-space($type)"><xsl:value-of select="normalize-space($type)"/></xsl:when>
      <xsl:otherwise>authority record</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Safety ===== -->

  <!-- ===== The brackets convention (docs/ENCODING.md principle 2, docs/RENDERING.md) ===== -->

  <!-- What a transcriber's mark is, in words: the title of the mark in HTML, the apparatus wording. -->
  <xsl:template name="editorial-label">
    <xsl:param name="node" select="."/>
    <xsl:for-each select="$node">
      <xsl:choose>
        <xsl:when test="self::tei:gap[@reason = 'illegible']">illegible in the source (transcriber’s mark)</xsl:when>
        <xsl:when test="self::tei:gap[@reason = 'omitted']">passage omitted by the transcriber</xsl:when>
        <xsl:when test="self::tei:gap">gap in the text</xsl:when>
        <xsl:when test="self::tei:supplied">added by the transcriber</xsl:when>
        <xsl:when test="self::tei:note[@type = 'gloss']">transcriber’s gloss identifying the name</xsl:when>
        <xsl:when test="self::tei:note[@type = 'sic']">transcriber’s note: so in the original</xsl:when>
        <xsl:when test="self::tei:note[@type = 'query']">transcriber’s query: the reading is uncertain</xsl:when>
        <xsl:when test="self::tei:note[@rend = 'brackets']">transcriber’s note</xsl:when>
        <xsl:when test="self::tei:note">note</xsl:when>
        <xsl:when test="self::tei:stamp">stamp on the original, described by the transcriber</xsl:when>
        <xsl:otherwise>editorial mark</xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of a gap: what stood between the transcriber's brackets. -->
  <xsl:template name="gap-text">
    <xsl:choose>
      <xsl:when test="normalize-space(tei:desc)"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
      <xsl:when test="@reason = 'illegible'">illegible</xsl:when>
      <xsl:otherwise>…</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Who made a correction (@resp="#tei-edition" -> the application's label). -->
  <xsl:template name="resp-label">
    <xsl:param name="resp" select="@resp"/>
    <xsl:variable name="id" select="substring-after(normalize-space($resp), '#')"/>
    <xsl:variable name="app" select="/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:appInfo/tei:application[@xml:id = $id]"/>
    <xsl:choose>
      <xsl:when test="$app/tei:label"><xsl:value-of select="normalize-space($app/tei:label)"/></xsl:when>
      <xsl:when test="$id"><xsl:value-of select="$id"/></xsl:when>
      <xsl:otherwise>the editors</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Speed ===== -->
  <!-- libxslt spends most of its time per node visited. So text nodes are copied by the built-in template
       (no text() template in these modes), match patterns carry no predicates on text() or *, and
       whitespace between blocks is skipped by the containers' select rather than matched. -->

  <!-- ===== Plain reading text (mode "plain"): corrections applied ===== -->
  <!-- Used by text-reading.xsl (wrapped into paragraphs) and by the site's search index. The caller takes
       normalize-space() of the result and then calls "join-broken-words": lb[@break='no'] leaves a private
       mark (U+E000) that joins the word broken at the line end. The transcriber's marks keep their square
       brackets, as in the source: plain text has no other way to set them off. -->

  <xsl:variable name="join-mark" select="'&#xE000;'"/>
  <!-- A line-end hyphen before a lowercase letter ("Ameri-" + "cans") is taken for a soft hyphen and
       dropped in reading texts; before anything else ("Anglo-" + "American") it stays. The encoding keeps
       it either way (docs/RENDERING.md). The letters tested: Latin, Latin-1, Greek and Cyrillic. -->
  <xsl:variable name="lower-letters" select="'abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿαβγδεζηθικλμνξοπρστυφχψωабвгдеёжзийклмнопрстуфхцчшщъыьэюя'"/>
  <xsl:variable name="upper-letters" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞŸΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ'"/>
  <!-- First parts of compounds whose hyphen is the word's own (render.COMPOUND_PREFIXES): kept. -->
  <xsl:variable name="compound-prefixes" select="'|so|well|self|anti|non|co|ex|vice|cease|counter|half|semi|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|'"/>

  <!-- "yes" if the hyphen that ends $s, at a line end, is a soft one before the letter $next: a lowercase
       letter and a word that is not the first part of a compound (render.soft_hyphen, the same rule). -->
  <xsl:template name="soft-hyphen">
    <xsl:param name="s"/>
    <xsl:param name="next"/>
    <xsl:if test="substring($s, string-length($s)) = '-' and $next != translate($next, $lower-letters, $upper-letters)">
      <xsl:variable name="word">
        <xsl:call-template name="last-word"><xsl:with-param name="s" select="substring($s, string-length($s) - 12, 12)"/></xsl:call-template>
      </xsl:variable>
      <xsl:variable name="bare" select="translate(translate($word, '(&quot;“‘[', ''), $upper-letters, $lower-letters)"/>
      <xsl:if test="$bare = '' or not(contains($compound-prefixes, concat('|', $bare, '|')))">yes</xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The last blank-separated word of a short string. -->
  <xsl:template name="last-word">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')"><xsl:call-template name="last-word"><xsl:with-param name="s" select="substring-after($s, ' ')"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:lb" mode="plain">
    <xsl:if test="@break = 'no'"><xsl:value-of select="$join-mark"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb | tei:fw" mode="plain"><xsl:text> </xsl:text></xsl:template>

  <xsl:template match="tei:choice" mode="plain">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan | *[1][not(../tei:corr | ../tei:reg | ../tei:expan)])[1]/node()" mode="plain"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="plain">
    <xsl:text>[</xsl:text><xsl:call-template name="gap-text"/><xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:note | tei:stamp" mode="plain">
    <xsl:text>[</xsl:text><xsl:apply-templates mode="plain"/><xsl:text>]</xsl:text>
  </xsl:template>

  <!-- Whitespace-normalised text with the join marks applied: "Anglo- &#xE000;American" -> "Anglo-American".
       The string is split at the mark nearest its middle and both halves done alike, so the recursion is
       only as deep as the logarithm of the number of marks (libxslt stops at a few thousand levels). -->
  <xsl:template name="join-broken-words">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, $join-mark)">
        <xsl:variable name="tail" select="substring($s, floor(string-length($s) div 2))"/>
        <xsl:variable name="at">
          <xsl:choose>
            <xsl:when test="contains($tail, $join-mark)">
              <xsl:value-of select="string-length($s) - string-length(substring-after($tail, $join-mark))"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="string-length(substring-before($s, $join-mark)) + 1"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="raw-before" select="substring($s, 1, $at - 1)"/>
        <xsl:variable name="before" select="substring($raw-before, 1, string-length($raw-before) - (substring($raw-before, string-length($raw-before)) = ' '))"/>
        <xsl:variable name="soft">
          <xsl:call-template name="soft-hyphen">
            <xsl:with-param name="s" select="$before"/><xsl:with-param name="next" select="substring($s, $at + 1, 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="join-broken-words">
          <xsl:with-param name="s" select="substring($before, 1, string-length($before) - ($soft = 'yes'))"/>
        </xsl:call-template>
        <xsl:call-template name="join-broken-words">
          <xsl:with-param name="s" select="substring($s, $at + 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The reading text of the current element on one line: whitespace normalised, broken words joined. -->
  <xsl:template name="plain-line">
    <xsl:param name="node" select="."/>
    <xsl:variable name="raw"><xsl:apply-templates select="$node/node()" mode="plain"/></xsl:variable>
    <xsl:variable name="text" select="normalize-space($raw)"/>
    <xsl:choose>
      <xsl:when test="contains($text, $join-mark)">
        <xsl:call-template name="join-broken-words"><xsl:with-param name="s" select="$text"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Diplomatic text (mode "diplomatic-text"): the source transcription line for line ===== -->
  <!-- Every source line starts with lb; the newline that ends the line before it is the text's own (the
       encoding contract: "the newline before an lb is kept as a text newline") and is copied with the text,
       so lb itself writes nothing. A block (a child of a container whose first node is an lb) starts after
       a blank line, except after a page break, which writes its own run of blank lines, as in the source.
       The caller strips the newlines before the first line (see "diplomatic-text" below).
       Costs matter here: these tests run once per block with child and sibling steps only; anything on the
       preceding axis (which libxml2 walks in full) would cost hundreds of times more. -->

  <!-- The diplomatic text of the whole document, without the blank lines before its first line. -->
  <xsl:template name="diplomatic-text">
    <xsl:variable name="tree"><xsl:apply-templates select="/tei:TEI/tei:text" mode="diplomatic-text"/></xsl:variable>
    <!-- the tree fragment as a string once, not once per use -->
    <xsl:variable name="text" select="string($tree)"/>
    <xsl:value-of select="substring($text, string-length(substring-before($text, substring(normalize-space($text), 1, 1))) + 1)"/>
  </xsl:template>

  <!-- Containers of blocks: their whitespace-only text is the TEI file's indentation, not the source's.
       (In sp, the speaker starts the line and what was said goes on after it.) -->
  <xsl:template match="tei:text | tei:body | tei:div | tei:opener | tei:closer | tei:list | tei:quote
      | tei:floatingText | tei:front | tei:back | tei:sp" mode="diplomatic-text">
    <!-- libxml2 stops early at node()[1] only when [1] is the step's last predicate: node()[1]/self::x
         (a step of its own) takes one node; node()[1][self::x] walks the whole axis (quadratic in long
         blocks). No variables: binding one costs as much as the step. -->
    <xsl:for-each select="* | text()[normalize-space()]">
      <xsl:if test="node()[1]/self::tei:lb
          or (node()[2]/self::tei:lb and node()[1]/self::text() and not(normalize-space(node()[1])))">
        <xsl:variable name="before" select="preceding-sibling::*[1]"/>
        <xsl:variable name="before-container" select="../preceding-sibling::*[1]"/>
        <xsl:text>&#10;</xsl:text>
        <!-- (the lines of an opener, closer or list are set apart only where the source has a blank line, a
             space, and so is the body's first line from the opener's last) -->
        <xsl:if test="not($before/self::tei:pb or (position() = 1 and $before-container/self::tei:pb)) and (
            $before/self::tei:space or not(parent::tei:opener or parent::tei:closer or parent::tei:list
            or $before/self::tei:opener)) or $before/self::tei:opener/*[last()]/self::tei:space">
          <xsl:text>&#10;</xsl:text>
        </xsl:if>
      </xsl:if>
      <xsl:apply-templates select="." mode="diplomatic-text"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:pb" mode="diplomatic-text"><xsl:text>&#10;&#10;&#10;</xsl:text></xsl:template>

  <!-- A wide gap between a table's cells: a second blank after the one the text keeps. -->
  <xsl:template match="tei:space" mode="diplomatic-text"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:space" mode="plain"/>
  <!-- A blank line before a line of the opener or closer: the line's own test above writes it. -->
  <xsl:template match="tei:space[@dim = 'vertical']" mode="diplomatic-text"/>

  <xsl:template match="tei:choice" mode="diplomatic-text">
    <xsl:apply-templates select="tei:sic | tei:orig | tei:abbr" mode="diplomatic-text"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="diplomatic-text">
    <xsl:if test="@rend = 'brackets'">
      <xsl:text>[</xsl:text>
      <xsl:value-of select="tei:desc"/>
      <xsl:text>]</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The transcriber's other marks: their content, in brackets if the transcriber bracketed it. Every
       other element is left to the built-in template (its content), the fastest path in libxslt. -->
  <xsl:template match="tei:supplied | tei:note | tei:stamp | tei:unclear | tei:add" mode="diplomatic-text">
    <xsl:choose>
      <xsl:when test="@rend = 'brackets'">
        <xsl:text>[</xsl:text>
        <xsl:apply-templates mode="diplomatic-text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="diplomatic-text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
