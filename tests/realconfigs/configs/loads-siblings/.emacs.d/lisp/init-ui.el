;;; init-ui.el --- looks  -*- lexical-binding: t -*-
(setq-default cursor-type 'bar)
(blink-cursor-mode -1)
(load-theme 'tango-dark t)
(provide 'init-ui)
;;; init-ui.el ends here
