;;; init.el --- Emacs configuration of Ruairí  -*- lexical-binding: t; -*-

;; Author: Ruairí Ó Briain <ruairi@obriain.ie>
;; Keywords: convenience

;;; Commentary:

;; A single file, byte-compiled by a Makefile.

;;; Code:

(eval-when-compile
  (require 'cl-lib))

(declare-function mu4e "mu4e")
(defvar message-mode-map)

(defgroup my-config nil
  "My personal configuration."
  :group 'convenience
  :prefix "my-")

(defcustom my-mail-address "ruairi@obriain.ie"
  "The address I send from."
  :type 'string
  :group 'my-config)

(defcustom my-smtp-host "smtp.blacknight.com"
  "Where my mail goes out."
  :type 'string
  :group 'my-config)

(defcustom my-smtp-port 587
  "Its port."
  :type 'integer
  :group 'my-config)

(define-minor-mode my-writing-mode
  "Prose settings."
  :lighter " W"
  (if my-writing-mode
      (progn (visual-line-mode 1) (setq-local fill-column 72))
    (visual-line-mode -1)))

(with-no-warnings
  (setq user-full-name "Ruairí Ó Briain"
        user-mail-address my-mail-address))

(setq-default send-mail-function 'smtpmail-send-it)
(setq smtpmail-smtp-server my-smtp-host
      smtpmail-smtp-service my-smtp-port
      smtpmail-stream-type 'starttls
      smtpmail-smtp-user (car (split-string my-mail-address "@")))

(add-hook 'message-mode-hook #'my-writing-mode)

(with-eval-after-load 'message
  (define-key message-mode-map (kbd "C-c w") #'my-writing-mode))

(provide 'init)

;; Local Variables:
;; byte-compile-warnings: (not free-vars unresolved)
;; indent-tabs-mode: nil
;; End:

;;; init.el ends here
