<?xml version="1.0" encoding="UTF-8"?>
<!-- Plain reading text: a short metadata block, then the text with corrections applied, one paragraph per
     block, blocks separated by blank lines, wrapped at $width columns (characters). Opener and closer
     lines stay one per line; an embedded message is indented by four columns. The transcriber's marks
     keep their square brackets (plain text has no other way to set them off); page breaks are left out
     (the diplomatic text keeps them).

     The text is collected in one string with private-use marks (U+E001 end of line, U+E003 end of block,
     U+E002 one level of indentation, U+E000 a word joined across a line end) and wrapped in one go by the
     extension function te:wrap-blocks that render.py provides (plain Python, fast). Without it (another
     XSLT processor) the template "wrap-blocks" below does the same in XSLT, line by line. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:x-tei-edition"
    exclude-result-prefixes="tei te">
  <xsl:import href="metadata.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="width" select="72"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="eol" select="'&#xE001;'"/>
  <xsl:variable name="indent-mark" select="'&#xE002;'"/>
  <xsl:variable name="eob" select="'&#xE003;'"/>
  <xsl:variable name="label-width" select="15"/>
  <xsl:variable name="spaces" select="'                                                                        '"/>
  <xsl:variable name="rule" select="'------------------------------------------------------------------------'"/>

  <xsl:template match="/">
    <xsl:call-template name="metadata-block"/>
    <xsl:variable name="body">
      <xsl:call-template name="text-note"/>
      <xsl:apply-templates select="tei:TEI/tei:text" mode="blocks"/>
    </xsl:variable>
    <xsl:call-template name="wrap-blocks"><xsl:with-param name="text" select="normalize-space($body)"/></xsl:call-template>
  </xsl:template>

  <!-- ===== Metadata block ===== -->

  <xsl:template name="metadata-block">
    <xsl:call-template name="wrap-blocks"><xsl:with-param name="text" select="$title"/></xsl:call-template>
    <xsl:value-of select="concat(substring(translate($rule, '-', '='), 1, $width), $nl)"/>
    <xsl:if test="$date-when or $date-text">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Date'"/>
        <xsl:with-param name="value"><xsl:call-template name="document-date"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Sender'"/><xsl:with-param name="names" select="$senders"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Recipient'"/><xsl:with-param name="names" select="$recipients"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Intermediary'"/><xsl:with-param name="names" select="$intermediaries"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Sent from'"/><xsl:with-param name="names" select="$place-sent"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Received at'"/><xsl:with-param name="names" select="$place-received"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Number'"/><xsl:with-param name="names" select="$doc-numbers"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Outgoing No.'"/><xsl:with-param name="names" select="$outgoing-numbers"/></xsl:call-template>
    <xsl:if test="$archival">
      <xsl:call-template name="field"><xsl:with-param name="label" select="'Archive'"/><xsl:with-param name="value" select="normalize-space($archival)"/></xsl:call-template>
    </xsl:if>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Translator'"/><xsl:with-param name="names" select="$translators"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Language'"/><xsl:with-param name="names" select="$languages"/></xsl:call-template>
    <xsl:call-template name="names-field"><xsl:with-param name="label" select="'Editors'"/><xsl:with-param name="names" select="$editors"/></xsl:call-template>
    <xsl:if test="$publisher">
      <xsl:call-template name="field"><xsl:with-param name="label" select="'Publisher'"/><xsl:with-param name="value"><xsl:value-of select="$publisher"/><xsl:if test="$pub-year">, <xsl:value-of select="$pub-year"/></xsl:if></xsl:with-param></xsl:call-template>
    </xsl:if>
    <xsl:if test="$licence">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="'Licence'"/>
        <xsl:with-param name="value">
          <xsl:value-of select="normalize-space($licence)"/>
          <xsl:if test="normalize-space($licence/@target)"><xsl:value-of select="concat(' &lt;', normalize-space($licence/@target), '&gt;')"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$edition-idno">
      <xsl:call-template name="field"><xsl:with-param name="label" select="'Identifier'"/><xsl:with-param name="value" select="$edition-idno"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$page-url">
      <xsl:call-template name="field"><xsl:with-param name="label" select="'Online'"/><xsl:with-param name="value" select="$page-url"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$transcription/tei:idno[@type = 'filename']">
      <xsl:call-template name="field"><xsl:with-param name="label" select="'Source file'"/><xsl:with-param name="value" select="normalize-space($transcription/tei:idno[@type = 'filename'])"/></xsl:call-template>
    </xsl:if>
    <xsl:value-of select="concat(substring($rule, 1, $width), $nl, $nl)"/>
  </xsl:template>

  <!-- What the reading text is, as its first paragraph. -->
  <xsl:template name="text-note">
    <xsl:variable name="corrections" select="count(/tei:TEI/tei:text//tei:choice)"/>
    <xsl:text>[Reading text. </xsl:text>
    <xsl:choose>
      <xsl:when test="$corrections = 1">1 correction by the edition is applied (the diplomatic text keeps the source reading). </xsl:when>
      <xsl:when test="$corrections &gt; 1"><xsl:value-of select="$corrections"/> corrections by the edition are applied (the diplomatic text keeps the source readings). </xsl:when>
    </xsl:choose>
    <xsl:text>Square brackets are the transcriber's.]</xsl:text>
    <xsl:value-of select="$eob"/>
  </xsl:template>

  <xsl:template name="names-field">
    <xsl:param name="label"/>
    <xsl:param name="names"/>
    <xsl:variable name="known" select="$names[@ref or normalize-space() != 'unknown']"/>
    <xsl:if test="$known">
      <xsl:call-template name="field">
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="value"><xsl:apply-templates select="$known" mode="listed-text"/></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="listed-text">
    <xsl:if test="position() &gt; 1">
      <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
    </xsl:if>
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>

  <!-- "Label:        value", a long value wrapped under itself. -->
  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <xsl:variable name="v" select="normalize-space($value)"/>
    <xsl:variable name="first" select="substring(concat($label, ':', $spaces), 1, $label-width)"/>
    <xsl:choose>
      <xsl:when test="string-length($v) &lt;= $width - $label-width"><xsl:value-of select="concat($first, $v, $nl)"/></xsl:when>
      <!-- one word longer than the room (an address): on a line of its own, under the value column -->
      <xsl:when test="not(contains($v, ' '))">
        <xsl:value-of select="concat($label, ':', $nl, substring($spaces, 1, $label-width), $v, $nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap-blocks">
          <xsl:with-param name="text" select="$v"/>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="rest" select="substring($spaces, 1, $label-width)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Blocks: the text as one marked-up string ===== -->

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:div | tei:floatingText" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:apply-templates select="*" mode="blocks"><xsl:with-param name="indent" select="$indent"/></xsl:apply-templates>
  </xsl:template>

  <!-- An embedded message is indented one more level. -->
  <xsl:template match="tei:quote" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:choose>
      <xsl:when test="tei:floatingText | tei:p | tei:list">
        <xsl:apply-templates select="*" mode="blocks"><xsl:with-param name="indent" select="concat($indent, $indent-mark)"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="block"><xsl:with-param name="indent" select="$indent"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Opener, closer, list: one line per element, a blank line after the group. -->
  <xsl:template match="tei:opener | tei:closer | tei:list" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:for-each select="*[not(self::tei:pb or self::tei:fw or self::tei:space)]">
      <xsl:value-of select="$indent"/>
      <xsl:apply-templates mode="plain"/>
      <xsl:value-of select="$eol"/>
    </xsl:for-each>
    <xsl:value-of select="$eob"/>
  </xsl:template>

  <xsl:template match="tei:pb | tei:fw" mode="blocks"/>

  <!-- A line of the opener or closer over several source lines (an address: "To the First Secretary ..." /
       "Comrade Walter Ulbricht" / "Berlin"; an office over two lines) keeps its lines, as the lines around it. -->
  <xsl:template match="tei:opener/*/tei:lb | tei:closer/*/tei:lb" mode="plain">
    <xsl:choose>
      <xsl:when test="@break = 'no'"><xsl:value-of select="$join-mark"/></xsl:when>
      <xsl:when test="generate-id(.) != generate-id(../node()[1])">
        <xsl:value-of select="$eol"/>
        <xsl:value-of select="substring('&#xE002;&#xE002;&#xE002;&#xE002;&#xE002;&#xE002;', 1, count(ancestor::tei:floatingText))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A table set out in columns keeps its lines: each source line ends a line of the reading text, and its
       cells are parted by a bar. -->
  <xsl:template match="tei:p[@rend = 'columns']/tei:space" mode="plain"><xsl:text>| </xsl:text></xsl:template>
  <xsl:template match="tei:p[@rend = 'columns']/tei:lb" mode="plain">
    <!-- (not before the first line; the test looks at the parent's first child only, never along the siblings) -->
    <xsl:if test="generate-id(.) != generate-id(../node()[1])"><xsl:value-of select="$eol"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:*" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:call-template name="block"><xsl:with-param name="indent" select="$indent"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="*" mode="blocks"/>

  <xsl:template name="block">
    <xsl:param name="indent"/>
    <xsl:value-of select="$indent"/>
    <xsl:apply-templates mode="plain"/>
    <xsl:value-of select="$eob"/>
  </xsl:template>

  <!-- ===== Wrapping ===== -->

  <!-- The marked-up string as lines of at most $width characters: $first before the first line, $rest
       before the others (for a metadata field's hanging indent). -->
  <xsl:template name="wrap-blocks">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="rest" select="''"/>
    <xsl:choose>
      <xsl:when test="function-available('te:wrap-blocks')">
        <xsl:value-of select="te:wrap-blocks($text, $width, $first, $rest)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap-blocks-xslt">
          <xsl:with-param name="text">
            <xsl:call-template name="join-broken-words"><xsl:with-param name="s" select="$text"/></xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="rest" select="$rest"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The same in XSLT alone: one recursion per block, then one per line (slow, but any processor). -->
  <xsl:template name="wrap-blocks-xslt">
    <xsl:param name="text"/>
    <xsl:param name="first"/>
    <xsl:param name="rest"/>
    <xsl:param name="blank-before" select="false()"/>
    <xsl:variable name="line-end" select="contains(substring-before(concat($text, $eob), $eob), $eol)"/>
    <xsl:variable name="segment">
      <xsl:choose>
        <xsl:when test="$line-end"><xsl:value-of select="substring-before($text, $eol)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="substring-before(concat($text, $eob), $eob)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="after" select="substring($text, string-length($segment) + 2)"/>
    <xsl:variable name="marks" select="string-length($segment) - string-length(translate($segment, $indent-mark, ''))"/>
    <xsl:variable name="words" select="normalize-space(translate($segment, $indent-mark, ''))"/>
    <xsl:variable name="pad" select="substring($spaces, 1, 4 * $marks)"/>
    <xsl:if test="$words != ''">
      <xsl:if test="$blank-before"><xsl:value-of select="$nl"/></xsl:if>
      <xsl:call-template name="wrap-lines">
        <xsl:with-param name="text" select="$words"/>
        <xsl:with-param name="first" select="concat($first, $pad)"/>
        <xsl:with-param name="indent" select="concat($rest, $pad)"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="normalize-space(translate($after, concat($eol, $eob, $indent-mark), '   ')) != ''">
      <xsl:call-template name="wrap-blocks-xslt">
        <xsl:with-param name="text" select="$after"/>
        <xsl:with-param name="first" select="$rest"/>
        <xsl:with-param name="rest" select="$rest"/>
        <xsl:with-param name="blank-before" select="not($line-end) or ($words = '' and $blank-before)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="wrap-lines">
    <xsl:param name="text"/>
    <xsl:param name="first"/>
    <xsl:param name="indent"/>
    <xsl:variable name="room" select="$width - string-length($first)"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &lt;= $room">
        <xsl:value-of select="concat($first, $text, $nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="cut">
          <xsl:call-template name="last-space"><xsl:with-param name="s" select="substring($text, 1, $room + 1)"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="line">
          <xsl:choose>
            <xsl:when test="$cut &gt; 1"><xsl:value-of select="substring($text, 1, $cut - 1)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="substring-before(concat($text, ' '), ' ')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="concat($first, $line, $nl)"/>
        <xsl:variable name="rest" select="substring($text, string-length($line) + 2)"/>
        <xsl:if test="$rest != ''">
          <xsl:call-template name="wrap-lines">
            <xsl:with-param name="text" select="$rest"/>
            <xsl:with-param name="first" select="$indent"/>
            <xsl:with-param name="indent" select="$indent"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Position (1-based) of the last blank in $s, 0 if none. -->
  <xsl:template name="last-space">
    <xsl:param name="s"/>
    <xsl:param name="offset" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="offset" select="$offset + string-length(substring-before($s, ' ')) + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$offset"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
