<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActingPersonBox</name>
    <message>
        <location filename="../../govperf_desktop/ui/acting_person.py" line="87"/>
        <source>choose who is acting</source>
        <translation>选择当前操作人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/acting_person.py" line="88"/>
        <source>The person the actions on this page are taken as</source>
        <translation>本页操作以此人的名义进行</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/acting_person.py" line="114"/>
        <source>You act as the person of the account you logged in with</source>
        <translation>您以登录账号对应的人员身份操作</translation>
    </message>
</context>
<context>
    <name>AlertModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="90"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="91"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="92"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="93"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="94"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="95"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="100"/>
        <source>Warning</source>
        <translation>预警通知</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="100"/>
        <source>Reminder</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="109"/>
        <source>{days} day(s) overdue</source>
        <translation>超期 {days} 天</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="111"/>
        <source>due today</source>
        <translation>今天截止</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="112"/>
        <source>{days} day(s) left</source>
        <translation>还剩 {days} 天</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="119"/>
        <source>{indicator}; addressed to: {heads}</source>
        <translation>{indicator}；通知对象：{heads}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../govperf_desktop/ui/app.py" line="113"/>
        <source>govperf cannot start</source>
        <translation>跨部门绩效协同无法启动</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/app.py" line="289"/>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/app.py" line="290"/>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/app.py" line="293"/>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/app.py" line="344"/>
        <source>This installation has no user accounts yet: create its administrator with &apos;govperf account add&apos;.</source>
        <translation>本节点尚无用户账号:请用 &apos;govperf account add&apos; 创建管理员账号。</translation>
    </message>
</context>
<context>
    <name>BadRowModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="97"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="97"/>
        <source>Why the row cannot be imported</source>
        <translation>不能导入的原因</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="151"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="161"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="162"/>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="163"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="164"/>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="178"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="266"/>
        <source>Check every row</source>
        <translation>逐行检查</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="267"/>
        <source>Nothing is written yet. The import needs every row to be good.</source>
        <translation>尚未写入任何数据。只有每一行都正确才能导入。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="293"/>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="306"/>
        <source>%1 of %2 rows are bad; nothing can be imported until the file is corrected.</source>
        <translation>%2 行中有 %1 行有错误；改正文件后才能导入。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="310"/>
        <source>All %1 rows are good (%2 hours). Continue to import them.</source>
        <translation>全部 %1 行均正确（共 %2 工时），可以继续导入。</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="83"/>
        <source>Missing from the latest submission</source>
        <translation>最近一次提交缺少此项</translation>
    </message>
</context>
<context>
    <name>CommentHitModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="84"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="85"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="86"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="87"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="88"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="107"/>
        <source>[problem, resolved]</source>
        <translation>[问题，已解决]</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="107"/>
        <source>[problem]</source>
        <translation>[问题]</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication_results.py" line="109"/>
        <source>[earlier version]</source>
        <translation>[早期版本]</translation>
    </message>
</context>
<context>
    <name>CommentThreadModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="174"/>
        <source>earlier version {version} of {versions}</source>
        <translation>早期版本 {version}/{versions}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="179"/>
        <source>edited (version {version})</source>
        <translation>已修改（第 {version} 版）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="183"/>
        <source>problem resolved by {department}</source>
        <translation>问题已由{department}解决</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="188"/>
        <source>problem, open</source>
        <translation>问题，未解决</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="200"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="200"/>
        <source>Written</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="200"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/comments.py" line="200"/>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="83"/>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="85"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="87"/>
        <source>Write a new version of your comment; the earlier one stays visible</source>
        <translation>写出评论的新版本；原版本仍保留可见</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="90"/>
        <source>Resolved…</source>
        <translation>已解决…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="92"/>
        <source>Mark the problem you raised as resolved, crediting the reply that solved it</source>
        <translation>将您提出的问题标记为已解决，并记功于解决它的回复</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="104"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="113"/>
        <source>Write a comment; type @ to mention a person or department</source>
        <translation>输入评论；输入 @ 可提及人员或部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="116"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="118"/>
        <source>Raise the comment as a problem; you mark it resolved when it is solved</source>
        <translation>将此评论作为问题提出；问题解决后由您标记为已解决</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="120"/>
        <source>Post</source>
        <translation>发表</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="170"/>
        <source>Mentions: {names}</source>
        <translation>提及：{names}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="220"/>
        <source>Replying to {author}: {text}</source>
        <translation>回复 {author}：{text}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="235"/>
        <source>Editing your comment of {moment}; the earlier version stays visible.</source>
        <translation>正在修改您 {moment} 的评论；原版本仍保留可见。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="257"/>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="305"/>
        <source>No later comment by someone else can be credited with solving it.</source>
        <translation>没有他人在此之后的评论可记为解决了该问题。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="314"/>
        <source>Problem resolved</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_comments.py" line="314"/>
        <source>Which comment resolved it?</source>
        <translation>哪条评论解决了该问题？</translation>
    </message>
</context>
<context>
    <name>CommunicationPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="89"/>
        <source>Words to find in comments (Chinese or English; every word must appear)</source>
        <translation>要在评论中查找的词（中文或英文；每个词都须出现）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="92"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="95"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="96"/>
        <source>All authors</source>
        <translation>全部作者</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="101"/>
        <source>All indicators</source>
        <translation>全部绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="108"/>
        <source>task code</source>
        <translation>任务编号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="110"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="112"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="120"/>
        <source>Earlier versions too</source>
        <translation>包括早期版本</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="147"/>
        <source>More results</source>
        <translation>更多结果</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="158"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="160"/>
        <source>Author:</source>
        <translation>作者：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="163"/>
        <source>Indicator:</source>
        <translation>绩效指标：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="187"/>
        <source>Communication log</source>
        <translation>沟通日志</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="246"/>
        <source>Choose the indicator of task %1 (task codes repeat across indicators).</source>
        <translation>请选择任务 %1 所属的绩效指标（不同指标的任务编号可能重复）。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="289"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="315"/>
        <source>No comments found.</source>
        <translation>未找到评论。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="318"/>
        <source>%1 comments shown; more below.</source>
        <translation>已显示 %1 条评论，下面还有更多。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/communication.py" line="321"/>
        <source>%1 comments found.</source>
        <translation>共找到 %1 条评论。</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="152"/>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="153"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="154"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="155"/>
        <source>Kept value</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="156"/>
        <source>Overwritten value</source>
        <translation>被覆盖的值</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="118"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="126"/>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="132"/>
        <source>My work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="133"/>
        <source>This installation</source>
        <translation>本节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="153"/>
        <source>My department&apos;s open tasks</source>
        <translation>本部门未完成的任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="158"/>
        <source>Warnings and reminders</source>
        <translation>预警通知与提醒</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="163"/>
        <source>Mentions of me or my department</source>
        <translation>@提及我或本部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="165"/>
        <source>Choose who is acting to see their department&apos;s work.</source>
        <translation>请选择当前操作人，以查看其部门的工作。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="204"/>
        <source>This store has no installation identity yet. Create one with &apos;govperf init&apos;.</source>
        <translation>此数据库尚未设置节点身份，请先用“govperf init”创建。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="210"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="211"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="212"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="213"/>
        <source>Installation ID:</source>
        <translation>节点编号：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="214"/>
        <source>Store file:</source>
        <translation>数据库文件：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="215"/>
        <source>Schema revision:</source>
        <translation>数据库结构版本：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="241"/>
        <source>Records in this store</source>
        <translation>本地数据记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="304"/>
        <source>My department&apos;s open tasks ({department}: {count})</source>
        <translation>本部门未完成的任务（{department}：{count}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="309"/>
        <source>Warnings and reminders ({count})</source>
        <translation>预警通知与提醒（{count}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="312"/>
        <source>Mentions of me or my department ({count})</source>
        <translation>@提及我或本部门（{count}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="315"/>
        <source>{tasks} open task(s), {alerts} warning(s) or reminder(s)</source>
        <translation>未完成任务 {tasks} 项，预警通知或提醒 {alerts} 条</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="333"/>
        <source>Sync: this installation is not enrolled yet.</source>
        <translation>同步：本节点尚未注册。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="334"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="336"/>
        <source>Last received: {moment}</source>
        <translation>最近接收：{moment}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="339"/>
        <source>last sent: {moment}</source>
        <translation>最近发送：{moment}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="346"/>
        <source>{count} bundle(s) in quarantine</source>
        <translation>隔离区中有 {count} 个同步包</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="351"/>
        <source>{count} op(s) missing from {nodes} installation(s)</source>
        <translation>缺少来自 {nodes} 个节点的 {count} 条变更</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="355"/>
        <source>Sync: </source>
        <translation>同步：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="390"/>
        <source>Central office</source>
        <translation>中心（考核办）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="391"/>
        <source>Department office</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard.py" line="392"/>
        <source>Evaluator</source>
        <translation>考核人员</translation>
    </message>
</context>
<context>
    <name>DecompositionModel</name>
    <message numerus="yes">
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="190"/>
        <source>recurring (%n instance(s))</source>
        <translation>
            <numerusform>周期任务（%n 个实例）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="207"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="208"/>
        <source>Department</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="209"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="210"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="211"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="212"/>
        <source>Output standard</source>
        <translation>输出标准</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="213"/>
        <source>Depends on</source>
        <translation>依赖任务</translation>
    </message>
</context>
<context>
    <name>DeductionsModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="378"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="379"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="380"/>
        <source>Percentage</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="381"/>
        <source>Deducted</source>
        <translation>扣减分数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="382"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="394"/>
        <source> (capped)</source>
        <translation>（已封顶）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="405"/>
        <source>{percent}% of {before} before deductions</source>
        <translation>扣减前得分 {before} 的 {percent}%</translation>
    </message>
</context>
<context>
    <name>DetailModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="296"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="297"/>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="298"/>
        <source>Of</source>
        <translation>满分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="299"/>
        <source>Raw value</source>
        <translation>原始值</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="300"/>
        <source>How it was computed</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="318"/>
        <source>Click to see the rows behind this number</source>
        <translation>点击查看该数值依据的记录</translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <location filename="../../govperf_desktop/ui/error_hook.py" line="41"/>
        <source>The store is busy (another program is writing to it). Nothing was changed; try again in a moment.</source>
        <translation>数据库正忙（另一个程序正在写入），未做任何修改；请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/error_hook.py" line="48"/>
        <source>Could not read or write {file}: {reason}. Nothing was changed.</source>
        <translation>无法读写 {file}：{reason}。未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/error_hook.py" line="51"/>
        <source>Something unexpected stopped this action ({error}). Nothing was changed and what you typed is kept; the details are in the log.</source>
        <translation>发生意外错误，操作未完成（{error}）。未做任何修改，已输入的内容仍保留；详细信息已记入日志。</translation>
    </message>
</context>
<context>
    <name>EventModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="172"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="173"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="174"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="175"/>
        <source>Installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="176"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="186"/>
        <source>standard check (software)</source>
        <translation>标准核对（系统）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="195"/>
        <source>revision {number}</source>
        <translation>第 {number} 次提交</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="197"/>
        <source>missing: {items}</source>
        <translation>缺少：{items}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="199"/>
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="205"/>
        <source>Recorded at {moment}</source>
        <translation>记录于 {moment}</translation>
    </message>
</context>
<context>
    <name>EvidenceDialog</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="55"/>
        <source>Rows behind the score</source>
        <translation>评分依据的记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="75"/>
        <source>Table:</source>
        <translation>数据表：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="77"/>
        <source>Sub-metric:</source>
        <translation>子指标：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="97"/>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="99"/>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="171"/>
        <source>No rows behind this value.</source>
        <translation>该数值没有依据记录。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_evidence.py" line="177"/>
        <source>Rows {first}–{last} of {total}</source>
        <translation>第 {first}–{last} 条，共 {total} 条</translation>
    </message>
</context>
<context>
    <name>EvidenceModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="470"/>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="470"/>
        <source>Row id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="470"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="470"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../govperf_desktop/ui/feedback.py" line="17"/>
        <source>Not done</source>
        <translation>未能完成</translation>
    </message>
</context>
<context>
    <name>FieldChangeModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="144"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="144"/>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="144"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="152"/>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="123"/>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="125"/>
        <source>A CSV (UTF-8 or GB18030) or Excel .xlsx file with one entry per row.</source>
        <translation>CSV 文件（UTF-8 或 GB18030 编码）或 Excel .xlsx 文件，每行一条工时记录。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="129"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="131"/>
        <source>first sheet</source>
        <translation>第一个工作表</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="140"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="141"/>
        <source>Excel sheet:</source>
        <translation>Excel 工作表：</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="66"/>
        <source>Set up this installation</source>
        <translation>设置本节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="69"/>
        <source>There is no store in {0} yet. Create one for this installation, or join an organisation whose central office will send you a node certificate.</source>
        <translation>{0} 中还没有数据库。可以为本节点新建数据库,或加入一个组织(由考核办发给您节点证书)。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="74"/>
        <source>Create a store for this installation</source>
        <translation>为本节点新建数据库</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="75"/>
        <source>Join an organisation</source>
        <translation>加入组织</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="87"/>
        <source>central office</source>
        <translation>考核办</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="87"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="87"/>
        <source>evaluator</source>
        <translation>考核人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="93"/>
        <source>Installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="95"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="96"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="97"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="107"/>
        <source>Administrator account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="110"/>
        <source>Account name</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="111"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="113"/>
        <source>At the central office the administrator is also a person of the store.</source>
        <translation>在考核办,管理员同时是数据库中的一名人员。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="115"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="116"/>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="120"/>
        <source>1. Write the enrolment request…</source>
        <translation>1. 生成入网申请文件…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="122"/>
        <source>2. Import the node certificate…</source>
        <translation>2. 导入节点证书…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="127"/>
        <source>Enrolment</source>
        <translation>入网</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="129"/>
        <source>Key passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="143"/>
        <location filename="../../govperf_desktop/ui/first_run.py" line="168"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="168"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="175"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="179"/>
        <source>The central office creates the organisation; it does not join one.</source>
        <translation>考核办创建组织,不需要加入组织。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="230"/>
        <source>Creating the store…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="252"/>
        <source>Where to write the enrolment request</source>
        <translation>入网申请文件保存位置</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="267"/>
        <source>Creating the store and this installation&apos;s keys…</source>
        <translation>正在创建数据库和本节点的密钥…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="281"/>
        <source>Request written to {0}. Send it to the central office; import the node certificate it sends back (now or later).</source>
        <translation>申请文件已保存到 {0}。请将其发送给考核办;收到考核办返回的节点证书后导入(现在或以后均可)。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="288"/>
        <source>The node certificate</source>
        <translation>节点证书</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="302"/>
        <source>Checking the certificate…</source>
        <translation>正在核验证书…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/first_run.py" line="313"/>
        <source>Enrolled as {0}; the organisation&apos;s root key is {1}.</source>
        <translation>已作为 {0} 入网;组织根密钥指纹为 {1}。</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="113"/>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="130"/>
        <source>All record kinds</source>
        <translation>全部记录类型</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="135"/>
        <source>Load older changes</source>
        <translation>加载更早的修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="140"/>
        <source>Recent changes</source>
        <translation>最近修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="153"/>
        <source>Record id</source>
        <translation>记录 ID</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="156"/>
        <source>Any kind</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="157"/>
        <source>Show history</source>
        <translation>查看历史</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="165"/>
        <source>Choose a change on the left or enter a record id.</source>
        <translation>请在左侧选择一条修改，或输入记录 ID。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="180"/>
        <source>Restore this version…</source>
        <translation>恢复到此版本…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="199"/>
        <source>Fields of the chosen version (old → new)</source>
        <translation>所选版本的字段（原值 → 新值）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="275"/>
        <source>{kind} {id}: {count} version(s)</source>
        <translation>{kind} {id}：共 {count} 个版本</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="281"/>
        <source>Evidence cannot be restored: {reason}</source>
        <translation>证据类记录不能恢复：{reason}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="307"/>
        <source>Choose a version.</source>
        <translation>请选择一个版本。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="311"/>
        <source>This is the record&apos;s current version.</source>
        <translation>这是该记录的当前版本。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="313"/>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="323"/>
        <source>Restore {kind} {id} to version {version}? The restore is recorded as a new version by {person}; no version is deleted.</source>
        <translation>将{kind} {id} 恢复到第 {version} 版？恢复将以 {person} 的名义记录为新版本，不会删除任何版本。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="331"/>
        <source>Restore a version</source>
        <translation>版本回溯</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/history.py" line="349"/>
        <source>Restored to version {restored}; recorded as version {version}.</source>
        <translation>已恢复到第 {restored} 版，记录为第 {version} 版。</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="345"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="366"/>
        <source>Importing… all rows are written together, or none.</source>
        <translation>正在导入…所有行一起写入，否则一行也不写入。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="379"/>
        <source>Imported %1 entries (%2 hours).</source>
        <translation>已导入 %1 条记录（共 %2 工时）。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="388"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="68"/>
        <source>Choose a timesheet file</source>
        <translation>选择工时文件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="70"/>
        <source>Timesheets (*.csv *.xlsx *.txt)</source>
        <translation>工时文件 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="77"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="78"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="79"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="80"/>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="81"/>
        <source>Indicator period</source>
        <translation>指标周期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="82"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="83"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="84"/>
        <source>Overtime</source>
        <translation>加班</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="85"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="432"/>
        <source>Import timesheets</source>
        <translation>导入工时</translation>
    </message>
</context>
<context>
    <name>IndicatorListModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="40"/>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="41"/>
        <source>Period</source>
        <translation>考核周期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="42"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="43"/>
        <source>Lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="44"/>
        <source>Cooperating departments</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="45"/>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/indicators.py" line="67"/>
        <source>{recurring} recurring, {instances} instances</source>
        <translation>周期任务 {recurring} 项，实例 {instances} 个</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="127"/>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="153"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="158"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="161"/>
        <source>Search indicators</source>
        <translation>搜索指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="198"/>
        <source>Choose an indicator on the left.</source>
        <translation>请在左侧选择一个指标。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="210"/>
        <source>Start indicator…</source>
        <translation>启动指标…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="214"/>
        <source>Reports…</source>
        <translation>报告…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="229"/>
        <source>Double-click a task to open it</source>
        <translation>双击任务可打开</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="236"/>
        <source>The timeline is drawn when this tab is shown.</source>
        <translation>打开此标签页时绘制时间线。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="242"/>
        <source>Decomposition table</source>
        <translation>指标分解表</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="243"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="338"/>
        <source>Period {period} ({start} – {end}); status: {status}</source>
        <translation>考核周期 {period}（{start} – {end}）；状态：{status}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="344"/>
        <source>Lead department: {lead}; cooperating: {cooperating}</source>
        <translation>牵头部门：{lead}；配合部门：{cooperating}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="347"/>
        <source>Target: {target}</source>
        <translation>目标：{target}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="351"/>
        <source>Joint liability: {rules}</source>
        <translation>连带责任：{rules}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="380"/>
        <source>Task timeline</source>
        <translation>任务时间线</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="381"/>
        <source>deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="382"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="383"/>
        <source>days late</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="384"/>
        <source>notified, not started</source>
        <translation>已通知，未开始</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="385"/>
        <source>not notified</source>
        <translation>未通知</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="420"/>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="435"/>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="425"/>
        <source>Start the indicator: notify each task&apos;s department.</source>
        <translation>启动指标：通知各任务的责任部门。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="437"/>
        <source>Start {name} and notify {count} task(s) of their departments?</source>
        <translation>启动“{name}”并通知 {count} 项任务的责任部门？</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="440"/>
        <source>Start indicator</source>
        <translation>启动指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/indicators.py" line="453"/>
        <source>{name} started: {count} task(s) notified.</source>
        <translation>“{name}”已启动：已通知 {count} 项任务。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="15"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="16"/>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="17"/>
        <source>target met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="18"/>
        <source>target missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="19"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="29"/>
        <source>not yet notified</source>
        <translation>未通知</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="30"/>
        <source>notified, not started</source>
        <translation>已通知，未开始</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="31"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="32"/>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="33"/>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="46"/>
        <source>returned for revision</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="34"/>
        <source>awaiting acceptance</source>
        <translation>待验收</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="35"/>
        <source>accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="36"/>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="48"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="43"/>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="44"/>
        <source>work started</source>
        <translation>开始工作</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="45"/>
        <source>output submitted</source>
        <translation>提交成果</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="47"/>
        <source>output accepted</source>
        <translation>验收通过</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="55"/>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="56"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="57"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="64"/>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="120"/>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="65"/>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="128"/>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="66"/>
        <source>person&apos;s role</source>
        <translation>人员角色</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="67"/>
        <source>installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="68"/>
        <source>performance indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="69"/>
        <source>cooperating department</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="70"/>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="125"/>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="71"/>
        <source>task dependency</source>
        <translation>任务依赖</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="72"/>
        <source>output standard item</source>
        <translation>输出标准项</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="73"/>
        <source>joint-liability rule</source>
        <translation>连带责任规则</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="74"/>
        <source>task event</source>
        <translation>任务事件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="75"/>
        <source>submission</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="76"/>
        <source>submitted file</source>
        <translation>提交的文件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="77"/>
        <source>timesheet entry</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="78"/>
        <source>task comment</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="79"/>
        <source>mention</source>
        <translation>@提及</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="80"/>
        <source>support record</source>
        <translation>支持记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="81"/>
        <source>scoring configuration</source>
        <translation>评分配置</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="82"/>
        <source>alert acknowledgement</source>
        <translation>预警确认</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="83"/>
        <source>timesheet period</source>
        <translation>工时周期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="90"/>
        <source>clerk</source>
        <translation>办事员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="91"/>
        <source>department head</source>
        <translation>部门负责人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="92"/>
        <source>evaluator</source>
        <translation>考核人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="93"/>
        <source>central office</source>
        <translation>考核办</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="94"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="95"/>
        <source>auditor</source>
        <translation>审计人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="103"/>
        <source>record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="104"/>
        <source>code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="105"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="106"/>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="107"/>
        <source>description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="108"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="109"/>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="110"/>
        <source>text</source>
        <translation>正文</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="111"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="112"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="113"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="114"/>
        <source>deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="115"/>
        <source>period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="116"/>
        <source>period start</source>
        <translation>期间开始</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="117"/>
        <source>period end</source>
        <translation>期间结束</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="118"/>
        <source>recurrence</source>
        <translation>重复规则</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="119"/>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="121"/>
        <source>lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="122"/>
        <source>from department</source>
        <translation>提供支持的部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="123"/>
        <source>to department</source>
        <translation>接受支持的部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="124"/>
        <source>indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="126"/>
        <source>recurring task</source>
        <translation>周期任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="127"/>
        <source>depends on</source>
        <translation>依赖任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="129"/>
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="130"/>
        <source>reply to</source>
        <translation>回复的评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="131"/>
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="132"/>
        <source>resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="133"/>
        <source>resolved by</source>
        <translation>解决人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="134"/>
        <source>work date</source>
        <translation>工作日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="135"/>
        <source>hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="136"/>
        <source>overtime</source>
        <translation>加班</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="137"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="138"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="139"/>
        <source>created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="140"/>
        <source>created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="141"/>
        <source>occurred at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="142"/>
        <source>submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="143"/>
        <source>submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="144"/>
        <source>approved at</source>
        <translation>批准时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="145"/>
        <source>approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="146"/>
        <source>revision</source>
        <translation>修改版本</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="147"/>
        <source>items provided</source>
        <translation>已提供的内容</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="148"/>
        <source>missing items</source>
        <translation>缺少的内容</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="149"/>
        <source>position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="150"/>
        <source>percentage</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="151"/>
        <source>in use</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="152"/>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="160"/>
        <source>Task events are evidence and are never changed; record a new event instead.</source>
        <translation>任务事件是证据，永不修改；请另行记录新的事件。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="163"/>
        <source>Comments are evidence; an edit is a new version of the comment.</source>
        <translation>评论是证据；修改评论会生成该评论的新版本。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="166"/>
        <source>Mentions belong to their comment and are never changed.</source>
        <translation>@提及属于其评论，永不修改。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="169"/>
        <source>Submissions are evidence and are never changed; submit a new revision.</source>
        <translation>提交的成果是证据，永不修改；请提交新的修改版本。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="172"/>
        <source>Submitted files are evidence and are never changed.</source>
        <translation>提交的附件是证据，永不修改。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/labels.py" line="175"/>
        <source>Published scores are never changed; publish again to supersede them with a correction.</source>
        <translation>已发布的评分永不修改；如需更正，请重新发布以取代原评分。</translation>
    </message>
</context>
<context>
    <name>LateTasksModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="429"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="430"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="431"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="432"/>
        <source>Days overdue</source>
        <translation>超期天数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="433"/>
        <source>Own days</source>
        <translation>自身原因天数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="434"/>
        <source>Caused upstream</source>
        <translation>上游导致天数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="435"/>
        <source>Attribution</source>
        <translation>责任归属</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="216"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="217"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="218"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="219"/>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="220"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="221"/>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="222"/>
        <source>Overtime</source>
        <translation>加班</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/ledger_model.py" line="223"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>LedgerPanel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="62"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="63"/>
        <source>All people</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="66"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="68"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="77"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="113"/>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="115"/>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="207"/>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="240"/>
        <source>%1 entries</source>
        <translation>共 %1 条记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="242"/>
        <source>1 entry</source>
        <translation>共 1 条记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_ledger.py" line="246"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="62"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="62"/>
        <location filename="../../govperf_desktop/ui/login.py" line="89"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="64"/>
        <source>The window was locked after a time without use. Enter your password.</source>
        <translation>窗口因长时间未操作已锁定。请输入密码。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="66"/>
        <source>Log in to {0}.</source>
        <translation>登录 {0}。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="68"/>
        <source>Log in.</source>
        <translation>登录。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="83"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="84"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="89"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="92"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="109"/>
        <source>Enter the account name and the password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/login.py" line="113"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="138"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="329"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="353"/>
        <source>govperf — cross-department performance</source>
        <translation>跨部门绩效协同</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="253"/>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="254"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="255"/>
        <source>Timesheets</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="256"/>
        <source>Communication log</source>
        <translation>沟通日志</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="257"/>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="258"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="259"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="279"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="334"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="280"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="335"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="286"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="336"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="298"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="337"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="299"/>
        <location filename="../../govperf_desktop/ui/main_window.py" line="338"/>
        <source>&amp;About govperf</source>
        <translation>关于跨部门绩效协同(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="320"/>
        <source>The language changes when govperf is started again.</source>
        <translation>重新启动程序后将切换语言。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="354"/>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="356"/>
        <source>Traceable cross-department performance work and provable scores, offline.</source>
        <translation>跨部门绩效工作全程留痕，评分有据可查，无需联网。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="361"/>
        <source>About govperf</source>
        <translation>关于跨部门绩效协同</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="182"/>
        <source>Match the columns</source>
        <translation>匹配列</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="185"/>
        <source>Columns recognised by their headers are chosen already; fields marked * are required.</source>
        <translation>按表头识别出的列已自动选好；标 * 的字段为必填。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="202"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="211"/>
        <source>The first rows of the file:</source>
        <translation>文件的前几行：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="218"/>
        <source>Header row: line %1 of %2</source>
        <translation>表头行：%2 的第 %1 行</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/import_wizard.py" line="225"/>
        <source>(not in the file)</source>
        <translation>（文件中没有）</translation>
    </message>
</context>
<context>
    <name>MentionModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="140"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="141"/>
        <source>From</source>
        <translation>发言人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="142"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="143"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="144"/>
        <source>Mentions</source>
        <translation>提及对象</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="157"/>
        <source>me</source>
        <translation>我</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="157"/>
        <source>my department</source>
        <translation>本部门</translation>
    </message>
</context>
<context>
    <name>OpenTaskModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="40"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="41"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="42"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="43"/>
        <source>Indicator</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="44"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="50"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="52"/>
        <source>{date} ({days} d overdue)</source>
        <translation>{date}（超期 {days} 天）</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="113"/>
        <source>Opening the store…</source>
        <translation>正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>PeerModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="57"/>
        <source>Installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="58"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="59"/>
        <source>Acknowledged ops</source>
        <translation>已确认的变更</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="60"/>
        <source>Not yet acknowledged</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="61"/>
        <source>Missing from it</source>
        <translation>缺少的变更</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="62"/>
        <source>Last received</source>
        <translation>最近接收</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="63"/>
        <source>Last sent</source>
        <translation>最近发送</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="68"/>
        <source> (revoked)</source>
        <translation>（已吊销）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="77"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="79"/>
        <source>ops {first}–{last} ({held} waiting)</source>
        <translation>第 {first}–{last} 条（{held} 条等待中）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="85"/>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="87"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="92"/>
        <source>Ops held here that this installation has not confirmed receiving</source>
        <translation>本机持有、该节点尚未确认收到的变更</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="95"/>
        <source>Later ops from this installation arrived before earlier ones; they are held back until the missing ones come with its next bundle.</source>
        <translation>该节点较新的变更先于较早的变更到达；它们暂不应用，待缺少的变更随其下一个同步包到达后自动应用。</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/people.py" line="19"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/people.py" line="19"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/main_window.py" line="100"/>
        <source>This page arrives with its issue.</source>
        <translation>此页面将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>PublishBar</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="68"/>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="147"/>
        <source>Publish scores</source>
        <translation>发布评分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="77"/>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="106"/>
        <source>These scores have not been published.</source>
        <translation>这些评分尚未发布。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="109"/>
        <source>Published on {when} by {person} (period {period})</source>
        <translation>已于 {when} 由 {person} 发布（期间 {period}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="113"/>
        <source>, correcting an earlier publication</source>
        <translation>，更正此前的发布</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="128"/>
        <source>Only an evaluator may publish scores</source>
        <translation>只有考核人员可以发布评分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="131"/>
        <source>Publish these scores, computed with the saved configuration</source>
        <translation>发布按已保存的评分配置计算的这些评分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="140"/>
        <source>the indicator&apos;s period</source>
        <translation>指标的考核期间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="142"/>
        <source>Publish the scores of {indicator} for {period} as {person}? Every department will receive them. They are computed with the saved configuration (what-if weights are not published) and cannot be changed afterwards, only corrected by a new publication.</source>
        <translation>以 {person} 的身份发布 {indicator} 在 {period} 的评分？各部门都将收到。评分按已保存的评分配置计算（模拟权重不会发布），发布后不可修改，只能通过新的发布更正。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_publish.py" line="151"/>
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
</context>
<context>
    <name>QuarantineModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="120"/>
        <source>Bundle file</source>
        <translation>同步包文件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="120"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>RecentChangesModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="43"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="44"/>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="45"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="46"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="47"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="48"/>
        <source>Where</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="68"/>
        <source>(the software)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="74"/>
        <source>Record id: {id}</source>
        <translation>记录 ID：{id}</translation>
    </message>
</context>
<context>
    <name>RecordCountModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="228"/>
        <source>Record kind</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="230"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="236"/>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="237"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="238"/>
        <source>Installations</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="239"/>
        <source>Performance indicators</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="240"/>
        <source>Cooperating departments</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="241"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="242"/>
        <source>Task dependencies</source>
        <translation>任务依赖</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="243"/>
        <source>Output standard items</source>
        <translation>输出标准条目</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="244"/>
        <source>Joint-liability rules</source>
        <translation>连带责任规则</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="245"/>
        <source>Task events</source>
        <translation>任务事件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="246"/>
        <source>Submissions</source>
        <translation>输出成果</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="247"/>
        <source>Submission files</source>
        <translation>成果附件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="248"/>
        <source>Timesheet entries</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="249"/>
        <source>Task comments</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="250"/>
        <source>Mentions</source>
        <translation>@提及</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="251"/>
        <source>Support records</source>
        <translation>支持记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="252"/>
        <source>Scoring configurations</source>
        <translation>评分配置</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="253"/>
        <source>Role assignments</source>
        <translation>角色分配</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="254"/>
        <source>Alert acknowledgements</source>
        <translation>预警确认记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="255"/>
        <source>Timesheet periods</source>
        <translation>工时周期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="256"/>
        <source>Node certificates</source>
        <translation>节点证书</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="257"/>
        <source>Revoked installations</source>
        <translation>已吊销的节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/dashboard_models.py" line="258"/>
        <source>Change log entries</source>
        <translation>变更日志条目</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="68"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="74"/>
        <source>Department input report (部门投入度报告)</source>
        <translation>部门投入度报告</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="75"/>
        <source>Score report (考核评分报告)</source>
        <translation>考核评分报告</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="76"/>
        <source>Period summary of all indicators (期间汇总)</source>
        <translation>期间汇总报告(全部指标)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="84"/>
        <source>e.g. 2026-11, 2026-Q4, 2026; empty: everything</source>
        <translation>如 2026-11、2026-Q4、2026;留空:全部</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="85"/>
        <source>(no indicator chosen)</source>
        <translation>(未选择指标)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="88"/>
        <source>Indicator:</source>
        <translation>绩效指标：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="89"/>
        <source>Report:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="90"/>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="92"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="95"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="98"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="110"/>
        <source>Press Preview to see the first page.</source>
        <translation>点击“预览”查看第一页。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="161"/>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="195"/>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="195"/>
        <source>PDF (*.pdf);;Excel (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="209"/>
        <source>Writing {path}…</source>
        <translation>正在写入 {path}…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/report_dialog.py" line="222"/>
        <source>Saved {title} to {path}.</source>
        <translation>已将{title}保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="197"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="198"/>
        <source>Installation</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="199"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="200"/>
        <source>Ops</source>
        <translation>变更数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="201"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="202"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="207"/>
        <source>received</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="207"/>
        <source>sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="212"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="213"/>
        <source>already imported</source>
        <translation>此前已导入</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="214"/>
        <source>refused, quarantined</source>
        <translation>已拒绝，移入隔离区</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="215"/>
        <source>written</source>
        <translation>已写出</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="242"/>
        <source>{count} op(s) held back</source>
        <translation>{count} 条变更暂缓应用</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync_models.py" line="244"/>
        <source>{count} conflict(s)</source>
        <translation>{count} 处冲突</translation>
    </message>
</context>
<context>
    <name>ScoreLabels</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="56"/>
        <source>Input</source>
        <translation>投入度</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="57"/>
        <source>Response speed</source>
        <translation>响应速度</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="58"/>
        <source>Output quality</source>
        <translation>任务完成质量</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="59"/>
        <source>Collaboration</source>
        <translation>协作贡献度</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="66"/>
        <source>Hours share</source>
        <translation>工时占比</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="67"/>
        <source>Overtime entries</source>
        <translation>加班次数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="68"/>
        <source>Task response time</source>
        <translation>任务响应时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="69"/>
        <source>Reply to mentions</source>
        <translation>沟通回复时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="70"/>
        <source>First-pass rate</source>
        <translation>一次通过率</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="71"/>
        <source>Revisions per task</source>
        <translation>修改次数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="72"/>
        <source>Problems resolved</source>
        <translation>问题解决次数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="73"/>
        <source>Support given</source>
        <translation>支持其他部门的次数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="80"/>
        <source>Its failure caused the miss</source>
        <translation>未完成任务导致指标未达预期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="83"/>
        <source>Cooperating department</source>
        <translation>配合部门连带责任</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="84"/>
        <source>Its delay made another department late</source>
        <translation>本部门延迟导致其他部门超期</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="93"/>
        <source>lead department</source>
        <translation>牵头部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="94"/>
        <source>cooperating department</source>
        <translation>配合部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="95"/>
        <source>tasks only</source>
        <translation>仅承担任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="111"/>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="117"/>
        <source>{value} working days</source>
        <translation>{value} 个工作日</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="118"/>
        <source>{value} working hours</source>
        <translation>{value} 个工作小时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="119"/>
        <source>{value} per task</source>
        <translation>每项任务 {value} 次</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="255"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="261"/>
        <source>not applicable: its weight went to the others</source>
        <translation>不适用：其权重已分配给其他项</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="490"/>
        <source>timesheet entries</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="491"/>
        <source>task events</source>
        <translation>任务事件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="492"/>
        <source>submissions</source>
        <translation>输出成果提交</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="493"/>
        <source>comments</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="494"/>
        <source>support records</source>
        <translation>支持记录</translation>
    </message>
</context>
<context>
    <name>ScoresPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="116"/>
        <source>A month (2026-11), a quarter (2026-Q4), a year (2026) or dates (a~b)</source>
        <translation>月份（2026-11）、季度（2026-Q4）、年度（2026）或日期范围（a~b）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="118"/>
        <source>Score again</source>
        <translation>重新评分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="125"/>
        <source>Indicator:</source>
        <translation>绩效指标：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="127"/>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="139"/>
        <source>Click a number to see the rows behind it</source>
        <translation>点击数值查看其依据的记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="169"/>
        <source>Points by dimension</source>
        <translation>各维度得分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="170"/>
        <source>Radar</source>
        <translation>雷达图</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="171"/>
        <source>Department detail</source>
        <translation>部门得分明细</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="172"/>
        <source>Deductions (joint liability)</source>
        <translation>连带责任扣减</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="173"/>
        <source>Attribution of late tasks</source>
        <translation>超期责任归属</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="210"/>
        <source>Choose an indicator to see its scores.</source>
        <translation>请选择绩效指标以查看评分。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="245"/>
        <source>There are no indicators yet.</source>
        <translation>尚无绩效指标。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="265"/>
        <source>All recorded</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="297"/>
        <source>Scoring…</source>
        <translation>正在评分…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="317"/>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="319"/>
        <source>Deductions</source>
        <translation>扣减</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="320"/>
        <source>{department}: share of available points</source>
        <translation>{department}：各维度得分率</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="347"/>
        <source>{count} department(s) scored; as of {today}.</source>
        <translation>已为 {count} 个部门评分；截至 {today}。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="361"/>
        <source>this indicator&apos;s configuration</source>
        <translation>本指标的配置</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="362"/>
        <source>the organisation&apos;s configuration</source>
        <translation>全局默认配置</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="363"/>
        <source>the built-in configuration</source>
        <translation>内置配置</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="371"/>
        <source>Window: {window}; status: {status}; weights: {weights} ({source})</source>
        <translation>范围：{window}；状态：{status}；权重：{weights}（{source}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="373"/>
        <source>all recorded</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="379"/>
        <source> — what-if, not saved</source>
        <translation> — 假设计算，未保存</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="406"/>
        <source>{department}: {total} points (click a number to see its rows)</source>
        <translation>{department}：{total} 分（点击数值查看依据记录）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="429"/>
        <source>total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores.py" line="446"/>
        <source>{department} — {what}: {value} points ({indicator})</source>
        <translation>{department} — {what}：{value} 分（{indicator}）</translation>
    </message>
</context>
<context>
    <name>SubmissionModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="121"/>
        <source>Revision</source>
        <translation>修改次数</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="122"/>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="123"/>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="124"/>
        <source>Standard check</source>
        <translation>标准核对</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="125"/>
        <source>Missing items</source>
        <translation>缺少项</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="126"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="137"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="137"/>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="146"/>
        <source>Provided:</source>
        <translation>已提供：</translation>
    </message>
</context>
<context>
    <name>SupportModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="220"/>
        <source>Given by</source>
        <translation>支持部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="221"/>
        <source>Given to</source>
        <translation>受支持部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="222"/>
        <source>Support</source>
        <translation>支持内容</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="223"/>
        <source>Recorded</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="224"/>
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/task.py" line="238"/>
        <source>not yet confirmed</source>
        <translation>尚未确认</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="84"/>
        <source>Choose the sync folder (USB stick or shared folder)</source>
        <translation>选择同步文件夹（U 盘或共享文件夹）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="95"/>
        <source>Key passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="96"/>
        <source>The passphrase of this installation&apos;s keys:</source>
        <translation>本节点密钥的口令：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="166"/>
        <source>a USB stick or a shared folder</source>
        <translation>U 盘或共享文件夹</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="168"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="171"/>
        <source>Watch the folder</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="175"/>
        <source>Rescan the folder every minute and when this computer sees it change, and say when bundles for this installation arrive. On a network share, changes made by other computers are seen only by the rescan. Syncing stays a click.</source>
        <translation>每分钟以及本机发现文件夹变化时重新扫描，并在有发给本节点的同步包到达时提示。在网络共享文件夹上，其他电脑所做的更改只能通过定期扫描发现。同步仍需手动点击。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="183"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="188"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="192"/>
        <source>Import the bundles in the folder addressed to this installation, then write a bundle for each other installation into it</source>
        <translation>导入文件夹中发给本节点的同步包，然后为其他每个节点写出一个同步包</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="198"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="245"/>
        <source>Installations</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="246"/>
        <source>Quarantine</source>
        <translation>隔离区</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="247"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="248"/>
        <source>Last sync</source>
        <translation>最近一次同步</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="290"/>
        <source>Quarantine ({count})</source>
        <translation>隔离区（{count}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="293"/>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="302"/>
        <source>This installation is not enrolled yet, so it cannot sync: the central office creates the organisation&apos;s keys, a department accepts its certificate (see &apos;govperf enroll&apos;).</source>
        <translation>本节点尚未注册，无法同步：由考核办创建组织密钥，部门导入其节点证书（见 &apos;govperf enroll&apos;）。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="306"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="307"/>
        <source>Last received: {received}; last sent: {sent}.</source>
        <translation>最近接收：{received}；最近发送：{sent}。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="313"/>
        <source>Ops are missing from {count} installation(s); the later ones wait for them.</source>
        <translation>缺少来自 {count} 个节点的变更；其后的变更等待它们到达。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="316"/>
        <source>{count} bundle(s) were refused (see Quarantine).</source>
        <translation>{count} 个同步包被拒绝（见隔离区）。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="367"/>
        <source>{count} bundle(s) for this installation are waiting: press Sync.</source>
        <translation>有 {count} 个发给本节点的同步包等待处理：请点击“同步”。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="372"/>
        <source>No new bundles for this installation.</source>
        <translation>没有发给本节点的新同步包。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="392"/>
        <source>Choose the sync folder first.</source>
        <translation>请先选择同步文件夹。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="398"/>
        <source>The folder {folder} is not reachable; plug in the stick or connect the share.</source>
        <translation>无法访问文件夹 {folder}；请插入 U 盘或连接共享文件夹。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="418"/>
        <source>Syncing with {folder}…</source>
        <translation>正在与 {folder} 同步…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="435"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="439"/>
        <source>checking</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="440"/>
        <source>applying</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="441"/>
        <source>writing</source>
        <translation>写出</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="445"/>
        <source>{stage}: {count} ops</source>
        <translation>{stage}：{count} 条变更</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="457"/>
        <source>Synced: {received} bundle(s) received ({applied} ops applied), {sent} written.</source>
        <translation>同步完成：接收 {received} 个同步包（应用 {applied} 条变更），写出 {sent} 个。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="460"/>
        <source>{count} refused and quarantined.</source>
        <translation>{count} 个被拒绝并移入隔离区。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/sync.py" line="474"/>
        <source>Cancelled. The bundle being read or written was left as it was; bundles finished before the cancel stay imported.</source>
        <translation>已取消。正在读取或写出的同步包未作任何更改；取消前已完成的同步包保持已导入。</translation>
    </message>
</context>
<context>
    <name>TaskView</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="125"/>
        <source>← Back to the indicator</source>
        <translation>← 返回指标</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="166"/>
        <source>Tick what the output provides, then submit it</source>
        <translation>勾选成果已包含的内容，然后提交</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="167"/>
        <source>Output standard</source>
        <translation>输出标准</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="170"/>
        <source>Start work</source>
        <translation>开始工作</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="171"/>
        <source>Submit output</source>
        <translation>提交成果</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="172"/>
        <source>Accept output</source>
        <translation>验收通过</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="173"/>
        <source>Return for revision</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="174"/>
        <source>Complete task</source>
        <translation>完成任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="177"/>
        <source>Reason for returning the output</source>
        <translation>退回修改的原因</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="200"/>
        <source>Events</source>
        <translation>流程事件</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="201"/>
        <source>Submissions</source>
        <translation>提交记录</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="219"/>
        <source>Record support…</source>
        <translation>记录支持…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="221"/>
        <source>Record support your department gave another department on this task</source>
        <translation>记录本部门在此任务上给予其他部门的支持</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="224"/>
        <source>Confirm received</source>
        <translation>确认已获支持</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="226"/>
        <source>Confirm, for your department, that the chosen support was received</source>
        <translation>代表本部门确认已收到所选的支持</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="239"/>
        <source>Comments</source>
        <translation>任务评论</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="240"/>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="405"/>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="409"/>
        <source>Support given</source>
        <translation>支持其他部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="258"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="307"/>
        <source>Indicator: {name}</source>
        <translation>指标：{name}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="308"/>
        <source>Department: {name}</source>
        <translation>责任部门：{name}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="309"/>
        <source>Deadline: {day}</source>
        <translation>截止日期：{day}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="310"/>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="311"/>
        <source>Revisions: {count}</source>
        <translation>修改次数：{count}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="314"/>
        <source>Days overdue: {days}</source>
        <translation>超期天数：{days}</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="316"/>
        <source>Response time: {hours} h</source>
        <translation>响应时间：{hours} 小时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="325"/>
        <source>Choose who is acting first.</source>
        <translation>请先选择当前操作人。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="384"/>
        <source>Revision {revision} lacks: {items}; it was returned for revision.</source>
        <translation>第 {revision} 次提交缺少：{items}；已退回修改。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="390"/>
        <source>Done: {events}.</source>
        <translation>已完成：{events}。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="405"/>
        <source>Support given to which department?</source>
        <translation>支持了哪个部门？</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/task_view.py" line="409"/>
        <source>What support was given?</source>
        <translation>给予了什么支持？</translation>
    </message>
</context>
<context>
    <name>TimesheetsPage</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets.py" line="39"/>
        <source>Timesheets</source>
        <translation>工时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets.py" line="40"/>
        <source>Import timesheets…</source>
        <translation>导入工时…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets.py" line="45"/>
        <source>Week</source>
        <translation>周工时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets.py" line="46"/>
        <source>Ledger</source>
        <translation>项目工时台账</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets.py" line="64"/>
        <source>Choose who is acting (in the Week tab) before importing.</source>
        <translation>导入前请先在“周工时”页选择当前操作人。</translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="158"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="159"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="161"/>
        <source>Before deductions</source>
        <translation>扣减前</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="162"/>
        <source>Deductions</source>
        <translation>扣减</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="163"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="164"/>
        <source>Saved total</source>
        <translation>已保存配置总分</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="165"/>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_models.py" line="205"/>
        <source>Click to see the rows behind this number</source>
        <translation>点击查看该数值依据的记录</translation>
    </message>
</context>
<context>
    <name>VersionModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="89"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="90"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="91"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="92"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="93"/>
        <source>Where</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="94"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/models/history.py" line="105"/>
        <source>(the software)</source>
        <translation>（系统）</translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="429"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="430"/>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="431"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="432"/>
        <source>approved and locked</source>
        <translation>已批准并锁定</translation>
    </message>
</context>
<context>
    <name>WeekGridModel</name>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="267"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="269"/>
        <source>This day is in a submitted or approved week: it cannot change.</source>
        <translation>这一天所在的周已提交或已批准，不能修改。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="272"/>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="360"/>
        <source>%1 h, of which %2 h overtime</source>
        <translation>%1 小时，其中加班 %2 小时</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="317"/>
        <source>%1
overtime %2</source>
        <translation>%1
加班 %2</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="343"/>
        <source>Total per day</source>
        <translation>每日合计</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="376"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="378"/>
        <source>Week</source>
        <translation>本周合计</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="385"/>
        <source>(rest)</source>
        <translation>（休）</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/week_grid.py" line="415"/>
        <source>%1 is not a number of hours; type hours like 7.5.</source>
        <translation>“%1”不是工时数；请输入小时数，如 7.5。</translation>
    </message>
</context>
<context>
    <name>WeekPanel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="64"/>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="65"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="66"/>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="81"/>
        <source>Add task row</source>
        <translation>添加任务行</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="82"/>
        <source>Copy last week</source>
        <translation>复制上周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="83"/>
        <source>Submit week</source>
        <translation>提交本周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="84"/>
        <source>Approve week</source>
        <translation>批准本周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="85"/>
        <source>Reopen week</source>
        <translation>重新打开本周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="92"/>
        <source>Acting as:</source>
        <translation>当前操作人：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="95"/>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="168"/>
        <source>Choose who is acting (above) to see and enter a week.</source>
        <translation>请先在上方选择当前操作人，再查看和填写周工时。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="225"/>
        <source>Week of %1 – %2</source>
        <translation>%1 – %2 这一周</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="231"/>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="291"/>
        <source>Copied %1 entries from last week.</source>
        <translation>已从上周复制 %1 条记录。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="300"/>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="320"/>
        <source>The week was submitted.</source>
        <translation>本周工时已提交。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="332"/>
        <source>The week was approved and is now locked.</source>
        <translation>本周工时已批准并锁定。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="334"/>
        <source>The week was reopened.</source>
        <translation>本周工时已重新打开。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="368"/>
        <source>A person submits their own week.</source>
        <translation>由本人提交自己的周工时。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="369"/>
        <source>A head of the person&apos;s department approves.</source>
        <translation>由其所在部门的负责人批准。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/timesheets_week.py" line="370"/>
        <source>A head of the person&apos;s department reopens.</source>
        <translation>由其所在部门的负责人重新打开。</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_weights.py" line="39"/>
        <source>What-if weights</source>
        <translation>假设权重</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_weights.py" line="59"/>
        <source>Reset to saved weights</source>
        <translation>恢复已保存的权重</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_weights.py" line="118"/>
        <source>The weights add up to {total}; they must add up to 100.</source>
        <translation>权重合计为 {total}，须合计为 100。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_weights.py" line="124"/>
        <source>The weights add up to 100.</source>
        <translation>权重合计为 100。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_weights.py" line="132"/>
        <source>What-if: not saved. Differences are against the saved weights ({saved}).</source>
        <translation>假设计算：未保存。差值相对于已保存的权重（{saved}）。</translation>
    </message>
    <message>
        <location filename="../../govperf_desktop/ui/pages/scores_weights.py" line="137"/>
        <source>The saved configuration&apos;s weights ({saved}).</source>
        <translation>已保存配置的权重（{saved}）。</translation>
    </message>
</context>
</TS>
