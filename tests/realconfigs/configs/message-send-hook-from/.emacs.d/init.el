;;; init.el  -*- lexical-binding: nil -*-

;; ---------- mail ----------
(setq mail-user-agent 'gnus-user-agent
      read-mail-command 'gnus
      send-mail-function 'message-sent-mail-with-sendmail
      message-send-mail-function 'message-send-mail-with-sendmail
      sendmail-program "msmtp"
      message-sendmail-extra-arguments '("-a" "126"))

(setq gnus-select-method '(nnml ""))

;; Use different mail accounts, when sending mails
(add-hook 'message-send-hook 'set-mail-sender)
(defun set-mail-sender ()
  (let (from-mail)
    (save-excursion
      (goto-char (point-min))
      (when (re-search-forward "From: [^<>]+ <\\([^>]+\\)>" nil t)
        (setq from-mail (buffer-substring-no-properties
                         (match-beginning 1) (match-end 1))))
      (cond
       ((string= from-mail "markfilebat@126.example.com")
        (setq message-sendmail-extra-arguments '("-a" "126")
              user-mail-address from-mail))
       ((string= from-mail "denny@totvs.example.com")
        (setq message-sendmail-extra-arguments '("-a" "totvs")
              user-mail-address from-mail))
       (t
        (setq message-sendmail-extra-arguments '("-a" "gmail")))))))

(setq user-mail-address "markfilebat@126.example.com"
      user-full-name "Denny Zhang")

;; ---------- C ----------
(defun setup-c-mode ()
  (setq c-default-style "bsd"
        c-basic-offset 4
        tab-width 4
        indent-tabs-mode t))
(add-hook 'c-mode-common-hook 'setup-c-mode)

;; ---------- TRAMP ----------
(require 'tramp)
(setq tramp-verbose 3
      tramp-default-method "ssh")

(setq mail-specify-envelope-from t
      mail-envelope-from 'header
      message-sendmail-envelope-from 'header)
