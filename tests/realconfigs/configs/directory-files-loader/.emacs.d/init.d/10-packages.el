(require 'package)
(package-initialize)
(require 'company)
(global-company-mode)
