<?xml version='1.0' encoding='UTF-8'?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:tei="http://www.tei-c.org/ns/1.0" version="1.0" exclude-result-prefixes="tei">
  <!-- Generated from tei_edition/rendering.toml by tei_edition.render: do not edit; regenerate with: python -m tei_edition.render (option write-rules-module). -->
  <xsl:template match="tei:closer" mode="text">
    <div class="closer">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <xsl:template match="tei:date" mode="text">
    <time class="date">
      <xsl:if test="@when">
        <xsl:attribute name="datetime">
          <xsl:value-of select="@when"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@from">
        <xsl:attribute name="data-from">
          <xsl:value-of select="@from"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@to">
        <xsl:attribute name="data-to">
          <xsl:value-of select="@to"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </time>
  </xsl:template>
  <xsl:template match="tei:dateline" mode="text">
    <p class="dateline">
      <xsl:if test="(parent::tei:opener or parent::tei:closer) and not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])">
        <xsl:attribute name="class">dateline cont</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
  <xsl:template match="tei:div" mode="text">
    <div class="div">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <xsl:template match="tei:floatingText" mode="text">
    <div class="message">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <xsl:template match="tei:fw" mode="text">
    <p class="fw">
      <xsl:if test="(parent::tei:opener or parent::tei:closer) and not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])">
        <xsl:attribute name="class">fw cont</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
  <xsl:template match="tei:head" mode="text">
    <h3 class="head">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </h3>
  </xsl:template>
  <xsl:template match="tei:idno" mode="text">
    <span class="idno">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
  <xsl:template match="tei:item" mode="text">
    <li class="item">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>
  <xsl:template match="tei:list" mode="text">
    <ol class="list">
      <xsl:if test="number(tei:item[1]/@n) &gt; 1">
        <xsl:attribute name="start">
          <xsl:value-of select="number(tei:item[1]/@n)"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </ol>
  </xsl:template>
  <xsl:template match="tei:opener" mode="text">
    <div class="opener">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <xsl:template match="tei:orgName" mode="text">
    <xsl:call-template name="linked-element">
      <xsl:with-param name="class" select="'org'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:p" mode="text">
    <p class="p">
      <xsl:if test="(parent::tei:opener or parent::tei:closer) and not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])">
        <xsl:attribute name="class">p cont</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
  <xsl:template match="tei:persName" mode="text">
    <xsl:call-template name="linked-element">
      <xsl:with-param name="class" select="'person'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:placeName" mode="text">
    <xsl:call-template name="linked-element">
      <xsl:with-param name="class" select="'place'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:quote" mode="text">
    <blockquote class="quote">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </blockquote>
  </xsl:template>
  <xsl:template match="tei:salute" mode="text">
    <p class="salute">
      <xsl:if test="(parent::tei:opener or parent::tei:closer) and not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])">
        <xsl:attribute name="class">salute cont</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
  <xsl:template match="tei:seg" mode="text">
    <p class="seg">
      <xsl:if test="(parent::tei:opener or parent::tei:closer) and not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])">
        <xsl:attribute name="class">seg cont</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
  <xsl:template match="tei:signed" mode="text">
    <p class="signed">
      <xsl:if test="(parent::tei:opener or parent::tei:closer) and not(node()[self::* or normalize-space()][1][self::tei:lb or self::tei:pb])">
        <xsl:attribute name="class">signed cont</xsl:attribute>
      </xsl:if>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
  <xsl:template match="tei:sp" mode="text">
    <div class="sp">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <xsl:template match="tei:speaker" mode="text">
    <span class="speaker">
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
  <xsl:template match="tei:*" mode="text">
    <span>
      <xsl:attribute name="class">
        <xsl:value-of select="concat('tei-', local-name())"/>
      </xsl:attribute>
      <xsl:if test="@type">
        <xsl:attribute name="data-type">
          <xsl:value-of select="@type"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tei:lb/@break = 'no'">
          <xsl:apply-templates mode="text-join"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates mode="text"/>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>
  <xsl:template match="*" mode="text">
    <xsl:apply-templates mode="text"/>
  </xsl:template>
</xsl:stylesheet>
