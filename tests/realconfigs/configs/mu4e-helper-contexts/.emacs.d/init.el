;;; init.el --- SCS's mail lab  -*- lexical-binding: t; -*-

(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))
(require 'scs-mail-lab)
(scs/mail-lab-configure-mu4e)

(require 'org-mu4e)
(setq org-mu4e-convert-to-html t)
(setq mu4e-confirm-quit nil)
