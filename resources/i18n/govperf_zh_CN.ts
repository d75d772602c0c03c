<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActingPersonBox</name>
    <message>
        <source>choose who is acting</source>
        <translation>选择当前操作人</translation>
    </message>
    <message>
        <source>The person the actions on this page are taken as</source>
        <translation>本页操作以此人的名义进行</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>govperf cannot start</source>
        <translation>跨部门绩效协同无法启动</translation>
    </message>
</context>
<context>
    <name>BadRowModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Why the row cannot be imported</source>
        <translation>不能导入的原因</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check every row</source>
        <translation>逐行检查</translation>
    </message>
    <message>
        <source>Nothing is written yet. The import needs every row to be good.</source>
        <translation>尚未写入任何数据。只有每一行都正确才能导入。</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>%1 of %2 rows are bad; nothing can be imported until the file is corrected.</source>
        <translation>%2 行中有 %1 行有错误；改正文件后才能导入。</translation>
    </message>
    <message>
        <source>All %1 rows are good (%2 hours). Continue to import them.</source>
        <translation>全部 %1 行均正确（共 %2 工时），可以继续导入。</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Missing from the latest submission</source>
        <translation>最近一次提交缺少此项</translation>
    </message>
</context>
<context>
    <name>CommentHitModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>[problem, resolved]</source>
        <translation>[问题，已解决]</translation>
    </message>
    <message>
        <source>[problem]</source>
        <translation>[问题]</translation>
    </message>
    <message>
        <source>[earlier version]</source>
        <translation>[早期版本]</translation>
    </message>
</context>
<context>
    <name>CommentThreadModel</name>
    <message>
        <source>earlier version {version} of {versions}</source>
        <translation>早期版本 {version}/{versions}</translation>
    </message>
    <message>
        <source>edited (version {version})</source>
        <translation>已修改（第 {version} 版）</translation>
    </message>
    <message>
        <source>problem resolved by {department}</source>
        <translation>问题已由{department}解决</translation>
    </message>
    <message>
        <source>problem, open</source>
        <translation>问题，未解决</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Write a new version of your comment; the earlier one stays visible</source>
        <translation>写出评论的新版本；原版本仍保留可见</translation>
    </message>
    <message>
        <source>Resolved…</source>
        <translation>已解决…</translation>
    </message>
    <message>
        <source>Mark the problem you raised as resolved, crediting the reply that solved it</source>
        <translation>将您提出的问题标记为已解决，并记功于解决它的回复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Write a comment; type @ to mention a person or department</source>
        <translation>输入评论；输入 @ 可提及人员或部门</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Raise the comment as a problem; you mark it resolved when it is solved</source>
        <translation>将此评论作为问题提出；问题解决后由您标记为已解决</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>发表</translation>
    </message>
    <message>
        <source>Mentions: {names}</source>
        <translation>提及：{names}</translation>
    </message>
    <message>
        <source>Replying to {author}: {text}</source>
        <translation>回复 {author}：{text}</translation>
    </message>
    <message>
        <source>Editing your comment of {moment}; the earlier version stays visible.</source>
        <translation>正在修改您 {moment} 的评论；原版本仍保留可见。</translation>
    </message>
    <message>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <source>No later comment by someone else can be credited with solving it.</source>
        <translation>没有他人在此之后的评论可记为解决了该问题。</translation>
    </message>
    <message>
        <source>Problem resolved</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <source>Which comment resolved it?</source>
        <translation>哪条评论解决了该问题？</translation>
    </message>
</context>
<context>
    <name>CommunicationPage</name>
    <message>
        <source>Words to find in comments (Chinese or English; every word must appear)</source>
        <translation>要在评论中查找的词（中文或英文；每个词都须出现）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>全部作者</translation>
    </message>
    <message>
        <source>All indicators</source>
        <translation>全部绩效指标</translation>
    </message>
    <message>
        <source>task code</source>
        <translation>任务编号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Earlier versions too</source>
        <translation>包括早期版本</translation>
    </message>
    <message>
        <source>More results</source>
        <translation>更多结果</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Author:</source>
        <translation>作者：</translation>
    </message>
    <message>
        <source>Indicator:</source>
        <translation>绩效指标：</translation>
    </message>
    <message>
        <source>Communication log</source>
        <translation>沟通日志</translation>
    </message>
    <message>
        <source>Choose the indicator of task %1 (task codes repeat across indicators).</source>
        <translation>请选择任务 %1 所属的绩效指标（不同指标的任务编号可能重复）。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No comments found.</source>
        <translation>未找到评论。</translation>
    </message>
    <message>
        <source>%1 comments shown; more below.</source>
        <translation>已显示 %1 条评论，下面还有更多。</translation>
    </message>
    <message>
        <source>%1 comments found.</source>
        <translation>共找到 %1 条评论。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>This installation</source>
        <translation>本节点</translation>
    </message>
    <message>
        <source>This store has no installation identity yet. Create one with &apos;govperf init&apos;.</source>
        <translation>此数据库尚未设置节点身份，请先用“govperf init”创建。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Installation ID:</source>
        <translation>节点编号：</translation>
    </message>
    <message>
        <source>Store file:</source>
        <translation>数据库文件：</translation>
    </message>
    <message>
        <source>Schema revision:</source>
        <translation>数据库结构版本：</translation>
    </message>
    <message>
        <source>Records in this store</source>
        <translation>本地数据记录</translation>
    </message>
    <message>
        <source>Central office</source>
        <translation>中心（考核办）</translation>
    </message>
    <message>
        <source>Department office</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Evaluator</source>
        <translation>考核人员</translation>
    </message>
</context>
<context>
    <name>DecompositionModel</name>
    <message numerus="yes">
        <source>recurring (%n instance(s))</source>
        <translation>
            <numerusform>周期任务（%n 个实例）</numerusform>
        </translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Output standard</source>
        <translation>输出标准</translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation>依赖任务</translation>
    </message>
</context>
<context>
    <name>EventModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>standard check (software)</source>
        <translation>标准核对（系统）</translation>
    </message>
    <message>
        <source>revision {number}</source>
        <translation>第 {number} 次提交</translation>
    </message>
    <message>
        <source>missing: {items}</source>
        <translation>缺少：{items}</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Recorded at {moment}</source>
        <translation>记录于 {moment}</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Not done</source>
        <translation>未能完成</translation>
    </message>
</context>
<context>
    <name>FieldChangeModel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>A CSV (UTF-8 or GB18030) or Excel .xlsx file with one entry per row.</source>
        <translation>CSV 文件（UTF-8 或 GB18030 编码）或 Excel .xlsx 文件，每行一条工时记录。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>first sheet</source>
        <translation>第一个工作表</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Excel sheet:</source>
        <translation>Excel 工作表：</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <source>All record kinds</source>
        <translation>全部记录类型</translation>
    </message>
    <message>
        <source>Load older changes</source>
        <translation>加载更早的修改</translation>
    </message>
    <message>
        <source>Recent changes</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>记录 ID</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>Show history</source>
        <translation>查看历史</translation>
    </message>
    <message>
        <source>Choose a change on the left or enter a record id.</source>
        <translation>请在左侧选择一条修改，或输入记录 ID。</translation>
    </message>
    <message>
        <source>Restore this version…</source>
        <translation>恢复到此版本…</translation>
    </message>
    <message>
        <source>Fields of the chosen version (old → new)</source>
        <translation>所选版本的字段（原值 → 新值）</translation>
    </message>
    <message>
        <source>{kind} {id}: {count} version(s)</source>
        <translation>{kind} {id}：共 {count} 个版本</translation>
    </message>
    <message>
        <source>Evidence cannot be restored: {reason}</source>
        <translation>证据类记录不能恢复：{reason}</translation>
    </message>
    <message>
        <source>Choose a version.</source>
        <translation>请选择一个版本。</translation>
    </message>
    <message>
        <source>This is the record&apos;s current version.</source>
        <translation>这是该记录的当前版本。</translation>
    </message>
    <message>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <source>Restore {kind} {id} to version {version}? The restore is recorded as a new version by {person}; no version is deleted.</source>
        <translation>将{kind} {id} 恢复到第 {version} 版？恢复将以 {person} 的名义记录为新版本，不会删除任何版本。</translation>
    </message>
    <message>
        <source>Restore a version</source>
        <translation>版本回溯</translation>
    </message>
    <message>
        <source>Restored to version {restored}; recorded as version {version}.</source>
        <translation>已恢复到第 {restored} 版，记录为第 {version} 版。</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing… all rows are written together, or none.</source>
        <translation>正在导入…所有行一起写入，否则一行也不写入。</translation>
    </message>
    <message>
        <source>Imported %1 entries (%2 hours).</source>
        <translation>已导入 %1 条记录（共 %2 工时）。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Choose a timesheet file</source>
        <translation>选择工时文件</translation>
    </message>
    <message>
        <source>Timesheets (*.csv *.xlsx *.txt)</source>
        <translation>工时文件 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <source>Indicator period</source>
        <translation>指标周期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Overtime</source>
        <translation>加班</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Import timesheets</source>
        <translation>导入工时</translation>
    </message>
</context>
<context>
    <name>IndicatorListModel</name>
    <message>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>考核周期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <source>Cooperating departments</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>{recurring} recurring, {instances} instances</source>
        <translation>周期任务 {recurring} 项，实例 {instances} 个</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Search indicators</source>
        <translation>搜索指标</translation>
    </message>
    <message>
        <source>Choose an indicator on the left.</source>
        <translation>请在左侧选择一个指标。</translation>
    </message>
    <message>
        <source>Start indicator…</source>
        <translation>启动指标…</translation>
    </message>
    <message>
        <source>Double-click a task to open it</source>
        <translation>双击任务可打开</translation>
    </message>
    <message>
        <source>The timeline is drawn when this tab is shown.</source>
        <translation>打开此标签页时绘制时间线。</translation>
    </message>
    <message>
        <source>Decomposition table</source>
        <translation>指标分解表</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Period {period} ({start} – {end}); status: {status}</source>
        <translation>考核周期 {period}（{start} – {end}）；状态：{status}</translation>
    </message>
    <message>
        <source>Lead department: {lead}; cooperating: {cooperating}</source>
        <translation>牵头部门：{lead}；配合部门：{cooperating}</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>目标：{target}</translation>
    </message>
    <message>
        <source>Joint liability: {rules}</source>
        <translation>连带责任：{rules}</translation>
    </message>
    <message>
        <source>Task timeline</source>
        <translation>任务时间线</translation>
    </message>
    <message>
        <source>deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>days late</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>notified, not started</source>
        <translation>已通知，未开始</translation>
    </message>
    <message>
        <source>not notified</source>
        <translation>未通知</translation>
    </message>
    <message>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <source>Start the indicator: notify each task&apos;s department.</source>
        <translation>启动指标：通知各任务的责任部门。</translation>
    </message>
    <message>
        <source>Start {name} and notify {count} task(s) of their departments?</source>
        <translation>启动“{name}”并通知 {count} 项任务的责任部门？</translation>
    </message>
    <message>
        <source>Start indicator</source>
        <translation>启动指标</translation>
    </message>
    <message>
        <source>{name} started: {count} task(s) notified.</source>
        <translation>“{name}”已启动：已通知 {count} 项任务。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>target met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>target missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>not yet notified</source>
        <translation>未通知</translation>
    </message>
    <message>
        <source>notified, not started</source>
        <translation>已通知，未开始</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>returned for revision</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>awaiting acceptance</source>
        <translation>待验收</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>work started</source>
        <translation>开始工作</translation>
    </message>
    <message>
        <source>output submitted</source>
        <translation>提交成果</translation>
    </message>
    <message>
        <source>output accepted</source>
        <translation>验收通过</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>person&apos;s role</source>
        <translation>人员角色</translation>
    </message>
    <message>
        <source>installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>performance indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <source>cooperating department</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>task dependency</source>
        <translation>任务依赖</translation>
    </message>
    <message>
        <source>output standard item</source>
        <translation>输出标准项</translation>
    </message>
    <message>
        <source>joint-liability rule</source>
        <translation>连带责任规则</translation>
    </message>
    <message>
        <source>task event</source>
        <translation>任务事件</translation>
    </message>
    <message>
        <source>submission</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>submitted file</source>
        <translation>提交的文件</translation>
    </message>
    <message>
        <source>timesheet entry</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <source>task comment</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <source>mention</source>
        <translation>@提及</translation>
    </message>
    <message>
        <source>support record</source>
        <translation>支持记录</translation>
    </message>
    <message>
        <source>scoring configuration</source>
        <translation>评分配置</translation>
    </message>
    <message>
        <source>alert acknowledgement</source>
        <translation>预警确认</translation>
    </message>
    <message>
        <source>timesheet period</source>
        <translation>工时周期</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>办事员</translation>
    </message>
    <message>
        <source>department head</source>
        <translation>部门负责人</translation>
    </message>
    <message>
        <source>evaluator</source>
        <translation>考核人员</translation>
    </message>
    <message>
        <source>central office</source>
        <translation>考核办</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>审计人员</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Overtime</source>
        <translation>加班</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>LedgerPanel</name>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>共 %1 条记录</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>共 1 条记录</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>govperf — cross-department performance</source>
        <translation>跨部门绩效协同</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Timesheets</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Communication log</source>
        <translation>沟通日志</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About govperf</source>
        <translation>关于跨部门绩效协同(&amp;A)</translation>
    </message>
    <message>
        <source>The language changes when govperf is started again.</source>
        <translation>重新启动程序后将切换语言。</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Traceable cross-department performance work and provable scores, offline.</source>
        <translation>跨部门绩效工作全程留痕，评分有据可查，无需联网。</translation>
    </message>
    <message>
        <source>About govperf</source>
        <translation>关于跨部门绩效协同</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <source>Columns recognised by their headers are chosen already; fields marked * are required.</source>
        <translation>按表头识别出的列已自动选好；标 * 的字段为必填。</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>The first rows of the file:</source>
        <translation>文件的前几行：</translation>
    </message>
    <message>
        <source>Header row: line %1 of %2</source>
        <translation>表头行：%2 的第 %1 行</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>（文件中没有）</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This page arrives with its issue.</source>
        <translation>此页面将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>RecentChangesModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>(the software)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>Record id: {id}</source>
        <translation>记录 ID：{id}</translation>
    </message>
</context>
<context>
    <name>RecordCountModel</name>
    <message>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Installations</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Performance indicators</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <source>Cooperating departments</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Task dependencies</source>
        <translation>任务依赖</translation>
    </message>
    <message>
        <source>Output standard items</source>
        <translation>输出标准条目</translation>
    </message>
    <message>
        <source>Joint-liability rules</source>
        <translation>连带责任规则</translation>
    </message>
    <message>
        <source>Task events</source>
        <translation>任务事件</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>输出成果</translation>
    </message>
    <message>
        <source>Submission files</source>
        <translation>成果附件</translation>
    </message>
    <message>
        <source>Timesheet entries</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <source>Task comments</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>@提及</translation>
    </message>
    <message>
        <source>Support records</source>
        <translation>支持记录</translation>
    </message>
    <message>
        <source>Scoring configurations</source>
        <translation>评分配置</translation>
    </message>
</context>
<context>
    <name>SubmissionModel</name>
    <message>
        <source>Revision</source>
        <translation>修改次数</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Standard check</source>
        <translation>标准核对</translation>
    </message>
    <message>
        <source>Missing items</source>
        <translation>缺少项</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>Provided:</source>
        <translation>已提供：</translation>
    </message>
</context>
<context>
    <name>SupportModel</name>
    <message>
        <source>Given by</source>
        <translation>支持部门</translation>
    </message>
    <message>
        <source>Given to</source>
        <translation>受支持部门</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持内容</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>not yet confirmed</source>
        <translation>尚未确认</translation>
    </message>
</context>
<context>
    <name>TaskView</name>
    <message>
        <source>← Back to the indicator</source>
        <translation>← 返回指标</translation>
    </message>
    <message>
        <source>Tick what the output provides, then submit it</source>
        <translation>勾选成果已包含的内容，然后提交</translation>
    </message>
    <message>
        <source>Output standard</source>
        <translation>输出标准</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始工作</translation>
    </message>
    <message>
        <source>Submit output</source>
        <translation>提交成果</translation>
    </message>
    <message>
        <source>Accept output</source>
        <translation>验收通过</translation>
    </message>
    <message>
        <source>Return for revision</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <source>Complete task</source>
        <translation>完成任务</translation>
    </message>
    <message>
        <source>Reason for returning the output</source>
        <translation>退回修改的原因</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>流程事件</translation>
    </message>
    <message>
        <source>Submissions</source>
        <translation>提交记录</translation>
    </message>
    <message>
        <source>Record support…</source>
        <translation>记录支持…</translation>
    </message>
    <message>
        <source>Record support your department gave another department on this task</source>
        <translation>记录本部门在此任务上给予其他部门的支持</translation>
    </message>
    <message>
        <source>Confirm received</source>
        <translation>确认已获支持</translation>
    </message>
    <message>
        <source>Confirm, for your department, that the chosen support was received</source>
        <translation>代表本部门确认已收到所选的支持</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <source>Support given</source>
        <translation>支持其他部门</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Indicator: {name}</source>
        <translation>指标：{name}</translation>
    </message>
    <message>
        <source>Department: {name}</source>
        <translation>责任部门：{name}</translation>
    </message>
    <message>
        <source>Deadline: {day}</source>
        <translation>截止日期：{day}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Revisions: {count}</source>
        <translation>修改次数：{count}</translation>
    </message>
    <message>
        <source>Days overdue: {days}</source>
        <translation>超期天数：{days}</translation>
    </message>
    <message>
        <source>Response time: {hours} h</source>
        <translation>响应时间：{hours} 小时</translation>
    </message>
    <message>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <source>Revision {revision} lacks: {items}; it was returned for revision.</source>
        <translation>第 {revision} 次提交缺少：{items}；已退回修改。</translation>
    </message>
    <message>
        <source>Done: {events}.</source>
        <translation>已完成：{events}。</translation>
    </message>
    <message>
        <source>Support given to which department?</source>
        <translation>支持了哪个部门？</translation>
    </message>
    <message>
        <source>What support was given?</source>
        <translation>给予了什么支持？</translation>
    </message>
</context>
<context>
    <name>TimesheetsPage</name>
    <message>
        <source>Timesheets</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Import timesheets…</source>
        <translation>导入工时…</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周工时</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>项目工时台账</translation>
    </message>
    <message>
        <source>Choose who is acting (in the Week tab) before importing.</source>
        <translation>导入前请先在“周工时”页选择当前操作人。</translation>
    </message>
</context>
<context>
    <name>VersionModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>(the software)</source>
        <translation>（系统）</translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>approved and locked</source>
        <translation>已批准并锁定</translation>
    </message>
</context>
<context>
    <name>WeekGridModel</name>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>This day is in a submitted or approved week: it cannot change.</source>
        <translation>这一天所在的周已提交或已批准，不能修改。</translation>
    </message>
    <message>
        <source>%1 h, of which %2 h overtime</source>
        <translation>%1 小时，其中加班 %2 小时</translation>
    </message>
    <message>
        <source>%1
overtime %2</source>
        <translation>%1
加班 %2</translation>
    </message>
    <message>
        <source>Total per day</source>
        <translation>每日合计</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>本周合计</translation>
    </message>
    <message>
        <source>(rest)</source>
        <translation>（休）</translation>
    </message>
    <message>
        <source>%1 is not a number of hours; type hours like 7.5.</source>
        <translation>“%1”不是工时数；请输入小时数，如 7.5。</translation>
    </message>
</context>
<context>
    <name>WeekPanel</name>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <source>Add task row</source>
        <translation>添加任务行</translation>
    </message>
    <message>
        <source>Copy last week</source>
        <translation>复制上周</translation>
    </message>
    <message>
        <source>Submit week</source>
        <translation>提交本周</translation>
    </message>
    <message>
        <source>Approve week</source>
        <translation>批准本周</translation>
    </message>
    <message>
        <source>Reopen week</source>
        <translation>重新打开本周</translation>
    </message>
    <message>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>Choose who is acting (above) to see and enter a week.</source>
        <translation>请先在上方选择当前操作人，再查看和填写周工时。</translation>
    </message>
    <message>
        <source>Week of %1 – %2</source>
        <translation>%1 – %2 这一周</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Copied %1 entries from last week.</source>
        <translation>已从上周复制 %1 条记录。</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>The week was submitted.</source>
        <translation>本周工时已提交。</translation>
    </message>
    <message>
        <source>The week was approved and is now locked.</source>
        <translation>本周工时已批准并锁定。</translation>
    </message>
    <message>
        <source>The week was reopened.</source>
        <translation>本周工时已重新打开。</translation>
    </message>
    <message>
        <source>A person submits their own week.</source>
        <translation>由本人提交自己的周工时。</translation>
    </message>
    <message>
        <source>A head of the person&apos;s department approves.</source>
        <translation>由其所在部门的负责人批准。</translation>
    </message>
    <message>
        <source>A head of the person&apos;s department reopens.</source>
        <translation>由其所在部门的负责人重新打开。</translation>
    </message>
</context>
</TS>
