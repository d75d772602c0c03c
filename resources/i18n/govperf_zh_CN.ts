<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>govperf cannot start</source>
        <translation>跨部门绩效协同无法启动</translation>
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
    <name>PlaceholderPage</name>
    <message>
        <source>This page arrives with its issue.</source>
        <translation>此页面将在后续版本中提供。</translation>
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
</TS>
